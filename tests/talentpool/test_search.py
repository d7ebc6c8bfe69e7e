"""The pool's keyword search over profiles and resumes (English and Chinese), its fallback, and its filters."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from applicants.models import Application
from talentpool import search
from talentpool.access import visible_to
from talentpool.models import PoolEntry
from talentpool.search import PoolFilters
from talentpool.services import entries_expire, pool_leave
from tests.factories import BusinessUnitFactory, PostingFactory, RejectionReasonFactory

from .factories import category, city, past_application, pool_candidate, skills

S = Application.Status

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the full-text vector and its word search are PostgreSQL's"
)


@pytest.fixture
def catalogue(db):
    python, kubernetes, cuda = skills("Python", "Kubernetes", "CUDA")
    kubernetes.name_zh_hans = "容器编排"
    kubernetes.save()
    hangzhou, beijing = city("Hangzhou", name_zh_hans="杭州"), city("Beijing", name_zh_hans="北京")
    agents, data = category("AI Agent Engineer"), category("AI Data Engineer")
    return {
        "python": python,
        "kubernetes": kubernetes,
        "cuda": cuda,
        "hangzhou": hangzhou,
        "beijing": beijing,
        "agents": agents,
        "data": data,
    }


@pytest.fixture
def pool(catalogue, recruiter_a):
    """Ann writes her resume in English, Li in Chinese; Bo has little in it."""
    c = catalogue
    ann = pool_candidate(
        "Ann",
        skills=[c["python"]],
        categories=[c["agents"]],
        locations=[c["hangzhou"]],
        resume_text="Engineering intern: built retrieval agents in Python; deployed them on Kubernetes clusters.",
    )
    li = pool_candidate(
        "Li",
        skills=[c["cuda"]],
        categories=[c["data"]],
        locations=[c["beijing"]],
        degree_level="doctorate",
        major="计算机科学与技术",
        graduation_date=dt.date(2027, 1, 15),
        resume_text="负责大模型推理服务的性能优化，熟悉Kubernetes与CUDA。曾在杭州实习。",
    )
    bo = pool_candidate("Bo", degree_level="bachelor", resume_text="Barista and chess player.")
    return {"ann": ann, "li": li, "bo": bo}


def names(entries) -> list[str]:
    return [entry.candidate.name for entry in entries.select_related("candidate")]


def found(user, text, *, full_text=None, **filters):
    return names(search.search(visible_to(user), PoolFilters(q=text, **filters), full_text=full_text))


MODES = pytest.mark.parametrize("full_text", [None, False], ids=["database", "fallback"])


@MODES
def test_a_word_of_the_resume_finds_its_candidates(pool, recruiter_a, full_text):
    assert set(found(recruiter_a, "kubernetes", full_text=full_text)) == {"Li", "Ann"}
    assert found(recruiter_a, "barista", full_text=full_text) == ["Bo"]
    assert found(recruiter_a, "retrieval python", full_text=full_text) == ["Ann"]
    assert found(recruiter_a, "retrieval cobol", full_text=full_text) == []


@MODES
def test_the_profile_words_are_searched_in_both_languages(pool, recruiter_a, full_text):
    assert set(found(recruiter_a, "Zhejiang", full_text=full_text)) == {"Ann", "Li", "Bo"}
    # A skill's Chinese name (Kubernetes: Ann's resume names it), a city's, a category's English name.
    assert "Ann" in found(recruiter_a, "容器编排", full_text=full_text)
    assert found(recruiter_a, "北京", full_text=full_text) == ["Li"]
    assert found(recruiter_a, "Agent", full_text=full_text) == ["Ann"]
    assert "Li" in found(recruiter_a, "Li", full_text=full_text)


@MODES
def test_chinese_is_found_by_its_words(pool, recruiter_a, full_text):
    for query in ("大模型", "推理", "性能优化", "大模型推理", "计算机"):
        assert found(recruiter_a, query, full_text=full_text) == ["Li"], query
    assert found(recruiter_a, "杭州实习", full_text=full_text) == ["Li"]
    assert found(recruiter_a, "区块链", full_text=full_text) == []


@postgres_only
def test_english_words_are_stemmed_and_prefixed(pool, recruiter_a):
    # "engineer" finds "Engineering", "deploy" finds "deployed", "cluster" finds "clusters".
    assert found(recruiter_a, "engineer deploy cluster") == ["Ann"]
    assert found(recruiter_a, "retriev") == ["Ann"]


@postgres_only
def test_the_better_match_ranks_first(catalogue, recruiter_a):
    pool_candidate("Once", resume_text="Some Rust, a little Go, some SQL.")
    pool_candidate("Often", resume_text="Rust services. Rust compilers. Rust embedded work, Rust tooling.")
    assert found(recruiter_a, "rust") == ["Often", "Once"]


@postgres_only
def test_the_vector_is_kept_with_the_text(pool):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document @@ to_tsquery('english', '大模型') FROM talentpool_poolentry "
            "WHERE candidate_id = %s",
            [pool["li"].pk],
        )
        assert cursor.fetchone()[0] is True


@MODES
def test_odd_queries_change_nothing_or_find_nothing(pool, recruiter_a, full_text):
    everyone = {"Ann", "Li", "Bo"}
    assert set(found(recruiter_a, "", full_text=full_text)) == everyone
    # Punctuation only is no term at all.
    assert set(found(recruiter_a, "！？。、", full_text=full_text)) == everyone
    # Terms that are not words are matched as written; tsquery syntax is never passed through.
    for query in ("C++", "python & !barista", "a:* | b", "'); drop table x; --", "(((", "%_%"):
        found(recruiter_a, query, full_text=full_text)
    # A long query is cut to its first words.
    assert found(recruiter_a, " ".join(["kubernetes"] * 100), full_text=full_text)


def test_the_search_text_holds_the_profile_and_the_resume_words(pool):
    text = PoolEntry.objects.get(candidate=pool["li"]).search_text
    assert "Li" in text and "计算机科学与技术" in text and "Doctorate" in text and "博士" in text
    assert "CUDA" in text and "Beijing" in text and "北京" in text
    # The resume's Chinese words, segmented; the resume itself stays in its own column.
    assert "大模型" in text.split() and "推理" in text.split()
    assert "负责大模型推理服务" not in text


def test_the_search_text_is_erased_with_the_resume(pool):
    pool_leave(candidate=pool["li"])
    assert PoolEntry.objects.get(candidate=pool["li"]).search_text == ""
    entries_expire(timezone.now() + dt.timedelta(days=400))
    assert set(PoolEntry.objects.values_list("search_text", flat=True)) == {""}


def test_the_keyword_search_leaves_out_entries_not_visible(pool, recruiter_a):
    past_application(pool["li"], PostingFactory(), status=S.SCREENING)
    assert found(recruiter_a, "CUDA") == []


# --- Filters ------------------------------------------------------------------------------------


def filtered(user, **filters):
    return set(names(search.search(visible_to(user), PoolFilters(**filters))))


def test_filters(pool, catalogue, recruiter_a):
    c = catalogue
    assert filtered(recruiter_a, skills=(c["python"],)) == {"Ann"}
    assert filtered(recruiter_a, skills=(c["python"], c["cuda"])) == set()
    assert filtered(recruiter_a, school="zhejiang") == {"Ann", "Li", "Bo"}
    assert filtered(recruiter_a, school="Peking") == set()
    assert filtered(recruiter_a, degree="doctorate") == {"Li"}
    assert filtered(recruiter_a, graduation_month=dt.date(2027, 1, 1)) == {"Li"}
    assert filtered(recruiter_a, graduation_month=dt.date(2027, 6, 1)) == {"Ann", "Bo"}
    assert filtered(recruiter_a, location=c["hangzhou"]) == {"Ann"}
    assert filtered(recruiter_a, category=c["data"]) == {"Li"}
    assert filtered(recruiter_a, q="kubernetes", degree="master") == {"Ann"}


def test_the_stage_filter_keeps_that_stage_and_further(pool, recruiter_a):
    past_application(pool["ann"], PostingFactory(), reached=S.INTERVIEW)
    past_application(pool["li"], PostingFactory(), reached=S.OFFER)
    past_application(pool["bo"], PostingFactory(), reached=S.SCREENING)
    assert filtered(recruiter_a, stage=S.INTERVIEW) == {"Ann", "Li"}
    assert filtered(recruiter_a, stage=S.OFFER) == {"Li"}
    assert filtered(recruiter_a, stage=S.SUBMITTED) == {"Ann", "Li", "Bo"}


def test_a_category_filter_leaves_out_the_unit_turndowns_for_it(pool, catalogue, recruiter_a, unit_a):
    c = catalogue
    past_application(pool["ann"], PostingFactory(unit=unit_a, category=c["agents"]), reason=RejectionReasonFactory())
    entries = visible_to(recruiter_a)
    assert names(search.search(entries, PoolFilters(category=c["agents"]), unit=unit_a)) == []
    other_unit = BusinessUnitFactory(name="Amap")
    assert names(search.search(entries, PoolFilters(category=c["agents"]), unit=other_unit)) == ["Ann"]
    assert "Ann" in names(search.search(entries, PoolFilters(), unit=unit_a))


@MODES
def test_a_profile_edited_through_its_form_is_searched_as_it_now_is(pool, recruiter_a, catalogue, full_text):
    profile = pool["bo"].candidate_profile
    profile.school = "Fudan University"
    profile.save()
    profile.preferred_locations.set([catalogue["beijing"]])
    assert found(recruiter_a, "Fudan", full_text=full_text) == ["Bo"]
    assert set(found(recruiter_a, "北京", full_text=full_text)) == {"Li", "Bo"}


@pytest.fixture
def small_cap(monkeypatch):
    """A cap of 3 results and steps of 2 and 4 entries, so a handful of candidates shows what 500 and a hundred
    thousand would."""
    monkeypatch.setattr(search, "RESULTS_CAP", 3)
    monkeypatch.setattr(search, "NEWEST_STEPS", (2, 4))


def joined(name, days_ago, text):
    user = pool_candidate(name, resume_text=text)
    PoolEntry.objects.filter(candidate=user).update(available_since=timezone.now() - dt.timedelta(days=days_ago))
    return user


@MODES
def test_a_broad_search_lists_the_most_recent_matches_up_to_the_cap(catalogue, recruiter_a, small_cap, full_text):
    for number in range(6):
        joined(f"Rust{number}", number, "Rust services." + (" Rust tooling." if number in (1, 4) else ""))
    joined("Newest", 0, "Nothing about that language.")
    filters = PoolFilters(q="rust")
    page = search.results_page(search.search(visible_to(recruiter_a), filters, full_text=full_text), 1)
    assert sorted(entry.candidate.name for entry in page.object_list) == ["Rust0", "Rust1", "Rust2"]
    assert search.more_than_listed(visible_to(recruiter_a), filters, full_text=full_text)
    assert not search.more_than_listed(visible_to(recruiter_a), PoolFilters(q="rust tooling"), full_text=full_text)


@postgres_only
def test_the_newest_matches_are_found_when_only_older_entries_match(catalogue, recruiter_a, small_cap):
    for number in range(5):
        joined(f"New{number}", number, "Go services.")
    for number in range(3):
        joined(f"Old{number}", 30 + number, "Haskell compilers.")
    # The newest 2, then 4, entries hold no match: the search widens to the whole pool, best first.
    assert found(recruiter_a, "haskell") == ["Old0", "Old1", "Old2"]
    joined("Older", 60, "Haskell compilers. Haskell type systems. Haskell everywhere.")
    # Four match, three are listed: the most recent three, the best of them first.
    assert found(recruiter_a, "haskell") == ["Old0", "Old1", "Old2"]


def test_the_page_says_when_more_match_than_it_lists(client, catalogue, recruiter_a, small_cap):
    for number in range(5):
        joined(f"Rust{number}", number, "Rust services.")
    client.force_login(recruiter_a)
    page = client.get("/recruit/pool/?q=rust").content.decode()
    assert "More candidates match than the 3 listed" in page
    assert "1–3 of 3 candidates" in page
    assert "More candidates match" not in client.get("/recruit/pool/?q=rust&degree=doctorate").content.decode()
