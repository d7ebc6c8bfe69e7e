"""Matching on a hand-built pool where the right order is known: who is suggested, in which order, and why."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applicants.eligibility import graduation_reasons
from applicants.models import Application
from talentpool import matching
from talentpool.models import PoolEntry, Suggestion
from talentpool.services import entry_refresh, pool_leave
from tests.factories import BusinessUnitFactory, PostingFactory, RejectionReasonFactory

from .factories import category, city, past_application, pool_candidate, skills

S = Application.Status


@pytest.fixture
def catalogue(db):
    infra = category("AI Infrastructure Engineer")
    infra.name_zh_hans = "AI基础设施工程师"
    infra.save()
    other = category("AI Data Engineer")
    cuda, go, kubernetes, python, pytorch, rust, sql = skills(
        "CUDA", "Go", "Kubernetes", "Python", "PyTorch", "Rust", "SQL"
    )
    kubernetes.name_zh_hans = "容器编排"
    kubernetes.save()
    hangzhou = city("Hangzhou")
    hangzhou.name_zh_hans = "杭州"
    hangzhou.save()
    beijing = city("Beijing")
    return {
        "infra": infra,
        "data": other,
        "cuda": cuda,
        "go": go,
        "kubernetes": kubernetes,
        "python": python,
        "pytorch": pytorch,
        "rust": rust,
        "sql": sql,
        "hangzhou": hangzhou,
        "beijing": beijing,
    }


@pytest.fixture
def units(db):
    return {name: BusinessUnitFactory(name=name) for name in ("Alibaba Cloud", "Amap", "T-Head")}


@pytest.fixture
def posting(catalogue, units):
    """Amap's AI Infrastructure Engineer role: six skills, Hangzhou, master's or doctorate."""
    c = catalogue
    return PostingFactory(
        unit=units["Amap"],
        category=c["infra"],
        skills=[c["cuda"], c["go"], c["kubernetes"], c["python"], c["pytorch"], c["rust"]],
        locations=[c["hangzhou"]],
        degree_levels=["master", "doctorate"],
    )


def old_posting(units, unit, c, category_name="infra"):
    return PostingFactory(unit=units[unit], category=c[category_name])


@pytest.fixture
def pool(catalogue, units, posting):
    """Named candidates; the order for `posting` is ann, ben, cai; the others are excluded for a reason each."""
    c = catalogue
    ann = pool_candidate(
        "Ann",
        categories=[c["infra"]],
        skills=[c["cuda"], c["kubernetes"]],
        resume_text="Built Go services and Python tooling.",
        locations=[c["hangzhou"]],
    )
    past_application(ann, old_posting(units, "Alibaba Cloud", c), reached=S.INTERVIEW)
    ben = pool_candidate("Ben", categories=[c["infra"]], skills=[c["python"], c["go"]], major="History")
    cai = pool_candidate("Cai", skills=[c["pytorch"]], degree_level="doctorate", major="Physics")
    # Nothing in common with the role.
    pool_candidate("Dee", skills=[c["sql"]], categories=[c["data"]], major="History")
    # Amap turned Eve down for this category: never suggested to Amap for it again.
    eve = pool_candidate("Eve", categories=[c["infra"]], skills=[c["cuda"], c["go"], c["rust"]])
    past_application(eve, old_posting(units, "Amap", c), reached=S.ASSESSMENT)
    # Fay applied to this very role and withdrew: available, but not for it.
    fay = pool_candidate("Fay", categories=[c["infra"]], skills=[c["cuda"], c["go"], c["rust"]])
    past_application(fay, posting, status=S.WITHDRAWN)
    # A bachelor's degree the role does not accept; a graduation after the window; no consent; left the pool.
    pool_candidate("Gus", categories=[c["infra"]], skills=[c["cuda"]], degree_level="bachelor")
    pool_candidate("Hal", categories=[c["infra"]], skills=[c["cuda"]], graduation_date=dt.date(2027, 10, 31))
    pool_candidate("Ida", categories=[c["infra"]], skills=[c["cuda"]], consent=False)
    pool_leave(candidate=pool_candidate("Jo", categories=[c["infra"]], skills=[c["cuda"]]))
    return {"ann": ann, "ben": ben, "cai": cai, "eve": eve, "fay": fay}


def names(entries):
    return [entry.candidate.name for entry in entries]


def test_the_best_match_comes_first_and_the_excluded_never_come(pool, posting):
    assert names(matching.top_suggestions(posting)) == ["Ann", "Ben", "Cai"]


def test_the_reasons_say_why_in_english_and_in_chinese(pool, posting):
    ann = matching.top_suggestions(posting)[0]
    assert [reason["code"] for reason in ann.reasons][:4] == ["category", "skills", "stage", "location"]
    assert ann.reasons[1] == {
        "code": "skills",
        "shared": ["cuda", "go", "kubernetes", "python"],
        "names": {"en": ["CUDA", "Go", "Kubernetes", "Python"], "zh-hans": ["CUDA", "Go", "容器编排", "Python"]},
        "of": 6,
    }
    english = matching.reasons_in_words(ann.reasons, "en")
    assert english.startswith(
        "AI Infrastructure Engineer preferred; 4 of 6 skills: CUDA, Go, Kubernetes, Python; "
        "reached interview at another unit; Hangzhou; Master's, graduating June 2027; majoring in Computer Science"
    )
    chinese = matching.reasons_in_words(ann.reasons, "zh-hans")
    assert "AI基础设施工程师" in chinese and "容器编排" in chinese and "杭州" in chinese


def test_the_unit_that_turned_a_candidate_down_is_not_suggested_them_but_another_unit_is(pool, posting, units):
    assert "Eve" not in names(matching.top_suggestions(posting))
    t_head = PostingFactory(unit=units["T-Head"], category=posting.category, skills=list(posting.skills.all()))
    assert "Eve" in names(matching.top_suggestions(t_head))
    # Amap may still be suggested Eve for another kind of role.
    amap_data = PostingFactory(unit=units["Amap"], category=category("AI Data Engineer"), skills=[skills("Rust")[0]])
    assert "Eve" in names(matching.top_suggestions(amap_data))


def test_a_candidate_who_applied_to_the_posting_is_not_suggested_for_it(pool, posting, units):
    assert PoolEntry.objects.get(candidate=pool["fay"]).is_available
    assert "Fay" not in names(matching.top_suggestions(posting))
    t_head = PostingFactory(unit=units["T-Head"], category=posting.category, skills=list(posting.skills.all()))
    assert "Fay" in names(matching.top_suggestions(t_head))


def test_a_stage_reached_at_the_postings_own_unit_counts_less_and_says_so(pool, posting, units, catalogue):
    ann_at_amap = pool_candidate("Kim", categories=[catalogue["infra"]], skills=[catalogue["cuda"]])
    past_application(ann_at_amap, old_posting(units, "Amap", catalogue, "data"), reached=S.INTERVIEW)
    ann_elsewhere = pool_candidate("Lou", categories=[catalogue["infra"]], skills=[catalogue["cuda"]])
    past_application(ann_elsewhere, old_posting(units, "T-Head", catalogue, "data"), reached=S.INTERVIEW)
    ranked = {entry.candidate.name: entry for entry in matching.top_suggestions(posting)}
    assert ranked["Lou"].score > ranked["Kim"].score
    assert "reached interview in this unit" in matching.reasons_in_words(ranked["Kim"].reasons, "en")


def test_an_offer_elsewhere_outranks_an_interview_which_outranks_nothing(catalogue, units, posting):
    c = catalogue
    for name, reached in (("Mo", None), ("Ned", S.INTERVIEW), ("Oli", S.OFFER)):
        candidate = pool_candidate(name, categories=[c["infra"]], skills=[c["cuda"]])
        if reached:
            past_application(candidate, old_posting(units, "T-Head", c), reached=reached)
    assert names(matching.top_suggestions(posting)) == ["Oli", "Ned", "Mo"]


def test_a_recent_candidate_and_a_current_resume_break_a_tie(catalogue, posting):
    c = catalogue
    long_ago = timezone.now() - dt.timedelta(days=300)
    pool_candidate("Pat", skills=[c["cuda"]], consent_at=long_ago, resume_uploaded_at=long_ago)
    PoolEntry.objects.filter(candidate__name="Pat").update(available_since=long_ago)
    pool_candidate("Quin", skills=[c["cuda"]])
    ranked = matching.top_suggestions(posting)
    assert names(ranked) == ["Quin", "Pat"]
    assert [r["code"] for r in ranked[0].reasons][-2:] == ["recent", "resume"]


def test_the_graduation_window_is_the_eligibility_rules_both_ends_included(catalogue, posting):
    program = posting.program
    dates = {
        "Ray": program.graduation_start - dt.timedelta(days=1),
        "Sam": program.graduation_start,
        "Tia": program.graduation_end,
        "Uma": program.graduation_end + dt.timedelta(days=1),
    }
    for name, date in dates.items():
        pool_candidate(name, skills=[catalogue["cuda"]], graduation_date=date)
    suggested = set(names(matching.top_suggestions(posting)))
    assert suggested == {name for name, date in dates.items() if not graduation_reasons(date, program)}


def test_top_suggestions_costs_the_same_queries_whatever_the_pool_size(catalogue, posting):
    c = catalogue
    pool_candidate("One", categories=[c["infra"]], skills=[c["cuda"]])
    with CaptureQueriesContext(connection) as small:
        assert len(matching.top_suggestions(posting)) == 1
    for n in range(20):
        pool_candidate(f"Many{n}", categories=[c["infra"]], skills=[c["cuda"], c["go"]][: 1 + n % 2])
    with CaptureQueriesContext(connection) as large:
        assert len(matching.top_suggestions(posting)) == 21
    assert len(large) == len(small) <= 5


def test_refreshing_suggestions_twice_changes_nothing_the_second_time(pool, posting):
    assert matching.suggestions_refresh([posting]) == {posting.pk: 3}
    before = list(Suggestion.objects.order_by("pk").values())
    assert matching.suggestions_refresh([posting]) == {posting.pk: 0}
    assert list(Suggestion.objects.order_by("pk").values()) == before
    assert [s.entry.candidate.name for s in Suggestion.objects.filter(posting=posting)] == ["Ann", "Ben", "Cai"]


def test_refreshing_keeps_dismissed_and_invited_suggestions_and_drops_new_ones_no_longer_valid(
    pool, posting, units, catalogue
):
    matching.suggestions_refresh([posting])
    by_name = {s.entry.candidate.name: s for s in Suggestion.objects.filter(posting=posting)}
    Suggestion.objects.filter(pk=by_name["Ann"].pk).update(state=Suggestion.State.DISMISSED)
    Suggestion.objects.filter(pk=by_name["Ben"].pk).update(state=Suggestion.State.INVITED)
    # All three apply elsewhere: unavailable now. Cai's suggestion was still new, so it goes at once.
    for name in ("ann", "ben", "cai"):
        past_application(pool[name], old_posting(units, "T-Head", catalogue), status=S.SUBMITTED)
    assert matching.suggestions_refresh([posting]) == {posting.pk: 0}
    states = dict(Suggestion.objects.filter(posting=posting).values_list("entry__candidate__name", "state"))
    assert states == {"Ann": "dismissed", "Ben": "invited"}


def test_a_new_candidate_is_counted_once_as_new(pool, posting, catalogue):
    matching.suggestions_refresh([posting])
    pool_candidate("Vic", categories=[catalogue["infra"]], skills=[catalogue["rust"]])
    assert matching.suggestions_refresh([posting]) == {posting.pk: 1}
    assert matching.suggestions_refresh([posting]) == {posting.pk: 0}


def test_a_closed_posting_loses_its_new_suggestions(pool, posting):
    matching.suggestions_refresh([posting])
    type(posting).objects.filter(pk=posting.pk).update(status=type(posting).Status.CLOSED)
    assert matching.suggestions_refresh([posting]) == {posting.pk: 0}
    assert not Suggestion.objects.filter(posting=posting).exists()


def test_a_batch_refreshes_each_posting_with_one_ranking_query(pool, posting, units, catalogue):
    others = [
        PostingFactory(unit=units["T-Head"], category=catalogue["infra"], skills=[catalogue["cuda"]]) for _ in range(3)
    ]
    with CaptureQueriesContext(connection) as four:
        result = matching.suggestions_refresh([posting, *others])
    assert set(result) == {posting.pk, *(o.pk for o in others)}
    ranking = [
        q
        for q in four.captured_queries
        if "ORDER BY" in q["sql"] and ("talentpool_poolentry" in q["sql"] or "talentpool_matchprofile" in q["sql"])
    ]
    assert len(ranking) == 4


def test_unknown_reason_codes_are_skipped_in_words():
    assert matching.reasons_in_words([{"code": "later"}, {"code": "major", "major": "Physics"}], "en") == (
        "majoring in Physics"
    )


def test_an_entry_with_consent_but_unavailable_is_not_suggested(pool, posting):
    PoolEntry.objects.filter(candidate=pool["ann"]).update(status=PoolEntry.Status.UNAVAILABLE)
    assert "Ann" not in names(matching.top_suggestions(posting))
    entry_refresh(pool["ann"])
    assert "Ann" in names(matching.top_suggestions(posting))


def test_a_rejection_reason_that_rules_out_other_units_keeps_the_candidate_from_every_unit(catalogue, units, posting):
    conduct = RejectionReasonFactory(code="conduct", allows_resurfacing=False)
    wes = pool_candidate("Wes", categories=[catalogue["infra"]], skills=[catalogue["cuda"]])
    past_application(wes, old_posting(units, "T-Head", catalogue, "data"), reason=conduct)
    assert "Wes" not in names(matching.top_suggestions(posting))
