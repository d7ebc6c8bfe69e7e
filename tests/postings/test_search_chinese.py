"""The board's search in Chinese and across the two languages.

The search text holds each posting in English and Chinese (the unit's,
category's and cities' names too), its Chinese segmented into words, so a
query in either language finds postings written in the other.
"""

import importlib

import pytest
from django.apps import apps as live_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from postings.models import Posting, posting_search_text, search_text_for
from postings.queries import MAX_TERMS, search_terms
from tests.factories import LocationFactory, PostingFactory, RoleCategoryFactory, SkillFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the full-text vector and its word search are PostgreSQL's"
)
REFRESH = importlib.import_module("postings.migrations.0007_search_text_in_two_languages")


@pytest.fixture
def catalogue(unit_a, unit_b):
    """Five public postings: bilingual ones, one written only in English, one only in Chinese."""
    unit_a.name_zh_hans = "阿里云"  # Alibaba Cloud
    unit_a.save()
    unit_b.name_zh_hans = "高德"  # Amap
    unit_b.save()
    tongyi = unit_b.__class__.objects.create(name="Tongyi Laboratory", name_zh_hans="通义实验室", slug="tongyi-lab")
    taotian = unit_b.__class__.objects.create(name="Taotian Group", name_zh_hans="淘天集团", slug="taotian")
    algorithm = RoleCategoryFactory(name="AI Application Algorithm Engineer", name_zh_hans="AI应用算法工程师")
    frontend = RoleCategoryFactory(name="Frontend Engineer", name_zh_hans="前端开发工程师", is_ai=False)
    research = RoleCategoryFactory(name="Research Scientist", name_zh_hans="研究科学家")
    analyst = RoleCategoryFactory(name="Data Analyst", name_zh_hans="数据分析师", is_ai=False)
    hangzhou = LocationFactory(name="Hangzhou", name_zh_hans="杭州")
    beijing = LocationFactory(name="Beijing", name_zh_hans="北京")
    shanghai = LocationFactory(name="Shanghai", name_zh_hans="上海")
    return {
        "tuning": PostingFactory(
            unit=unit_a,
            category=algorithm,
            locations=[hangzhou],
            title="LLM Fine-tuning Researcher",
            title_zh_hans="大模型微调研究员",
            description="Fine-tune and evaluate large language models.",
            description_zh_hans="负责大模型的微调与评测。",
            requirements="Fluent in Python.",
            requirements_zh_hans="熟悉Python与PyTorch。",
            skills=[SkillFactory(name="PyTorch")],
        ),
        "maps": PostingFactory(
            unit=unit_b,
            category=frontend,
            locations=[beijing],
            title="Map Frontend Intern",
            title_zh_hans="地图前端实习生",
            description="Build the pages of a map used by millions.",
            description_zh_hans="参与地图应用的页面研发。",
        ),
        "speech": PostingFactory(
            unit=tongyi,
            category=research,
            locations=[shanghai],
            title="Speech Model Scientist",
            title_zh_hans="语音大模型科学家",
            description="Train speech models.",
            description_zh_hans="研究语音大模型的训练方法。",
        ),
        "english": PostingFactory(
            unit=unit_a,
            category=algorithm,
            locations=[hangzhou],
            title="Recommendation Ranking Engineers",
            description="Rank items for hundreds of millions of shoppers.",
            requirements="Statistics and Python.",
        ),
        "chinese": PostingFactory(
            unit=taotian,
            category=analyst,
            locations=[hangzhou],
            title="",
            title_zh_hans="交易数据分析实习生",
            description="",
            description_zh_hans="分析淘宝的交易数据，撰写周报。",
            requirements="",
            requirements_zh_hans="熟练使用SQL。",
        ),
    }


def found(client, query) -> set[str]:
    response = client.get("/jobs/", {"q": query})
    assert response.status_code == 200
    return {posting.title for posting in response.context["page"].object_list}


def titles(catalogue, *keys) -> set[str]:
    return {catalogue[key].title for key in keys}


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        # The category's Chinese name, AI应用算法工程师: the English-only posting too.
        ("算法", ["tuning", "english"]),
        # A city's Chinese name.
        ("杭州", ["tuning", "english", "chinese"]),
        # A unit's Chinese name.
        ("阿里云", ["tuning", "english"]),
        ("通义", ["speech"]),
        # Inside the category's 前端开发工程师.
        ("前端", ["maps"]),
        # Inside the titles' 实习生.
        ("实习", ["maps", "chinese"]),
        ("大模型", ["tuning", "speech"]),
    ],
)
def test_a_chinese_word_finds_the_postings_that_say_it_in_either_language(client, catalogue, query, keys):
    assert found(client, query) == titles(catalogue, *keys)


@pytest.mark.parametrize("query", ["大模型 杭州", "大模型 Hangzhou", "大模型杭州", "杭州，大模型", "Hangzhou 大模型"])
def test_every_word_of_a_chinese_or_mixed_query_must_match(client, catalogue, query):
    # The speech role says 大模型 but is in Shanghai; the English-only one is in Hangzhou without it.
    assert found(client, query) == titles(catalogue, "tuning")


def test_an_english_city_name_finds_postings_written_only_in_chinese(client, catalogue):
    assert found(client, "Hangzhou") == titles(catalogue, "tuning", "english", "chinese")
    assert found(client, "Taotian") == titles(catalogue, "chinese")


def test_chinese_names_find_a_posting_written_only_in_english(client, catalogue):
    english = titles(catalogue, "english")
    for query in ("阿里云", "算法", "杭州", "算法工程师", "阿里云 杭州 算法"):
        assert english <= found(client, query), query
    assert found(client, "阿里云 前端") == set()


def test_a_chinese_substring_that_is_not_a_word_is_still_found(client, catalogue):
    # 型微 straddles 大模型 and 微调.
    assert found(client, "型微") == titles(catalogue, "tuning")
    assert found(client, "淘宝的交易") == titles(catalogue, "chinese")
    # Segmentation reads 阿里云计算 as 阿里云 计算: 云计算 is not among the words, but is in the text.
    cloud = PostingFactory(title="Cloud Platform Intern", description_zh_hans="参与阿里云计算平台的研发。")
    assert "云计算" not in cloud.search_text.splitlines()[-1].split()
    assert found(client, "云计算") == {"Cloud Platform Intern"}


def test_english_words_are_still_found_in_chinese_text(client, catalogue):
    # "熟练使用SQL" has no spaces: the segmented words make SQL a word of its own.
    assert titles(catalogue, "chinese") == found(client, "SQL")
    assert titles(catalogue, "tuning") <= found(client, "pytorch")


@postgres_only
def test_english_words_keep_stemming_and_prefixes(client, catalogue):
    # Every "… Engineer" category, and the title's "Engineers".
    engineers = titles(catalogue, "tuning", "maps", "english")
    assert found(client, "engin") == engineers
    assert found(client, "engineering") == engineers
    assert found(client, "recommend") == titles(catalogue, "english")
    assert found(client, "recommend 阿里云") == titles(catalogue, "english")


@postgres_only
def test_chinese_words_are_words_of_the_stored_vector(catalogue):
    def lexemes(key):
        return Posting.objects.values_list("search_document", flat=True).get(pk=catalogue[key].pk)

    assert "'算法'" in lexemes("english")  # from the category's AI应用算法工程师
    assert "'阿里云'" in lexemes("english")
    assert "'大模型'" in lexemes("tuning")
    assert "'pytorch'" in lexemes("tuning")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('english', '算法 工程师') @@ to_tsquery('english', '算法')")
        assert cursor.fetchone() == (True,)


@postgres_only
def test_chinese_matches_are_ranked(client, catalogue):
    PostingFactory(title="Agent Evaluation Intern", description_zh_hans="大模型评测：大模型、智能体与大模型工具。")
    response = client.get("/jobs/", {"q": "大模型"})
    assert response.context["page"].object_list[0].title == "Agent Evaluation Intern"


@pytest.mark.parametrize(
    "query",
    [
        "！？。，、",
        "!!!",
        "😀",
        "🚀",
        "%",
        "_",
        "%大模型_",
        "大模型" * 66 + "杭州",
        "算法" * 100,
        "（）【】《》",
        "Ｐｙｔｈｏｎ",
        "C++ 大模型",
        "\u3000大模型\u3000",
        "大 ' OR 1=1 -- 模型 & | ! : *",
    ],
)
def test_odd_chinese_and_symbol_queries_answer(client, catalogue, query):
    response = client.get("/jobs/", {"q": query})
    assert response.status_code == 200
    assert Posting.objects.count() == 5


def test_punctuation_around_chinese_is_dropped_and_percent_is_literal(client, catalogue):
    assert found(client, "【大模型】") == titles(catalogue, "tuning", "speech")
    assert found(client, "🚀大模型") == titles(catalogue, "tuning", "speech")
    assert found(client, "%大模型") == titles(catalogue, "tuning", "speech")


def test_a_query_keeps_at_most_max_terms_words():
    terms = search_terms("大模型" * 66 + " Hangzhou Beijing")
    assert sum(len(term.words) for term in terms) == MAX_TERMS
    assert [term.words for term in search_terms("大模型杭州 C++ 。")] == [("大模型", "杭州"), ("C++",)]


# --- The search text --------------------------------------------------------


def test_the_search_text_holds_both_languages_and_the_segmented_chinese(catalogue):
    text = catalogue["tuning"].search_text
    for part in ("LLM Fine-tuning Researcher", "大模型微调研究员", "Alibaba Cloud", "阿里云", "AI应用算法工程师"):
        assert part in text
    assert "Hangzhou" in text and "杭州" in text
    words = text.splitlines()[-1].split()
    assert {"大模型", "微调", "算法", "工程师", "阿里云", "杭州", "Python", "PyTorch"} <= set(words)
    assert "，" not in words and "。" not in words


def test_the_search_text_does_not_depend_on_the_active_language(catalogue):
    posting = Posting.objects.select_related("unit", "category").get(pk=catalogue["tuning"].pk)
    with translation.override("zh-hans"):
        in_chinese = posting.build_search_text()
    with translation.override("en"):
        in_english = posting.build_search_text()
    assert in_chinese == in_english == posting.search_text


def test_names_are_sorted_and_the_english_text_is_kept_as_written():
    text = search_text_for(
        title="Routing Intern",
        unit="Amap",
        category="Backend Engineer",
        skills=["Go", "C++"],
        locations=["Hangzhou", "Beijing"],
        description="Improve ETA by 100% on 50_000 routes.",
        requirements="- Python",
        unit_zh_hans="高德",
        locations_zh_hans=["杭州", "北京"],
    )
    assert text == (
        "Routing Intern\nAmap\n高德\nBackend Engineer\nC++ Go\nBeijing Hangzhou\n北京 杭州\n"
        "Improve ETA by 100% on 50_000 routes.\n- Python\n高德 北京 杭州"
    )
    # English only: no line of segmented words; empty parts are left out.
    english = search_text_for(
        title="A", unit="B", category="C", skills=[], locations=[], description="Improve", requirements=""
    )
    assert english == "A\nB\nC\nImprove"


def test_a_name_the_same_in_both_languages_is_written_once():
    posting = PostingFactory(skills=[SkillFactory(name="PyTorch", name_zh_hans="PyTorch")])
    assert posting.search_text.split().count("PyTorch") == 1


# --- Migration 0007 ---------------------------------------------------------


class _Editor:
    connection = connection


def test_the_migration_refreshes_every_posting_with_the_historical_models(catalogue, monkeypatch):
    Posting.objects.update(search_text="stale")
    monkeypatch.setattr(REFRESH, "BATCH", 2)
    state = MigrationExecutor(connection).loader.project_state(("postings", "0007_search_text_in_two_languages"))
    REFRESH.refresh_search_text(state.apps, _Editor())
    for posting in Posting.objects.select_related("unit", "category").prefetch_related("skills", "locations"):
        assert posting.search_text == posting.build_search_text() != "stale"
        assert posting.search_text == posting_search_text(posting)


def test_the_migration_runs_on_an_empty_catalogue():
    REFRESH.refresh_search_text(live_apps, _Editor())
    assert not Posting.objects.exists()


@postgres_only
def test_the_refresh_rebuilds_the_vector(catalogue, client):
    Posting.objects.update(search_text="stale")
    assert found(client, "杭州") == set()
    REFRESH.refresh_search_text(live_apps, _Editor())
    assert found(client, "杭州") == titles(catalogue, "tuning", "english", "chinese")


# --- The admin ----------------------------------------------------------------


def test_a_chinese_title_saved_in_the_admin_is_searchable(client, admin_user, catalogue):
    posting = catalogue["english"]
    client.force_login(admin_user)
    form = client.get(f"/admin/postings/posting/{posting.pk}/change/").context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        title_zh_hans="推荐排序工程师",
        skills=[skill.pk for skill in posting.skills.all()],
        locations=[location.pk for location in posting.locations.all()],
        published_at_0=posting.published_at.date().isoformat(),
        published_at_1="09:00:00",
        closes_at_0="",
        closes_at_1="",
    )
    response = client.post(
        f"/admin/postings/posting/{posting.pk}/change/", {k: v for k, v in data.items() if v is not None}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    assert found(client, "推荐") == titles(catalogue, "english")
