"""PostgreSQL's fast ranking over the match profiles says what the ORM ranking says, and the profiles follow events.

The two rankings (matching._fast_rows and matching._ranking) must agree entry for entry, score for score and
reason for reason: the ORM one is what SQLite runs, and the reference the hand-built pools were checked with.
"""

import datetime as dt
import random

import pytest
from django.db import connection
from django.utils import timezone

from applicants.models import Application
from postings.models import Skill
from talentpool import match_profiles, matching
from talentpool.models import MatchProfile
from talentpool.services import entries_expire, entry_refresh, pool_leave, pool_rejoin
from tests.factories import BusinessUnitFactory, PostingFactory, RejectionReasonFactory

from .factories import category, city, past_application, pool_candidate, skills

S = Application.Status

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the match profiles are PostgreSQL's")


def both_rankings(posting, **options):
    fast = matching.top_suggestions(posting, **options)
    slow = matching.top_suggestions(posting, fast=False, **options)
    return [(e.pk, e.score, e.reasons) for e in fast], [(e.pk, e.score, e.reasons) for e in slow]


def small_catalogue_ids():
    """Catalogue ids start after the largest in use: on PostgreSQL, sequences run on across the suite's rolled-back
    tests, and ids beyond the match profiles' bits would send every ranking through the ORM."""
    with connection.cursor() as cursor:
        for table in ("postings_skill", "postings_rolecategory", "postings_location"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) "  # noqa: S608
                f"FROM {table}"
            )


@pytest.fixture
def world(db):
    if connection.vendor == "postgresql":
        small_catalogue_ids()
    rng = random.Random(2027)
    ai = category("AI Infrastructure Engineer")
    data = category("AI Data Engineer")
    product = category("Product Manager")
    product.is_ai = False
    product.save()
    categories = [ai, data, product]
    catalogue = skills("CUDA", "Go", "Kubernetes", "Python", "PyTorch", "Rust", "SQL", "Computer Vision", "Data")
    cities = [city("Hangzhou"), city("Beijing"), city("Shanghai")]
    units = [BusinessUnitFactory(name=name) for name in ("Alibaba Cloud", "Amap", "T-Head")]
    postings = []
    for number in range(6):
        postings.append(
            PostingFactory(
                unit=units[number % 3],
                category=categories[number % 3],
                skills=rng.sample(catalogue, k=rng.randint(0 if number == 5 else 1, 5)),
                locations=rng.sample(cities, k=rng.randint(1, 2)),
                degree_levels=rng.choice(
                    [["master", "doctorate"], ["bachelor", "master", "doctorate"], ["doctorate"]]
                ),
            )
        )
    return {"postings": postings, "skills": catalogue, "units": units, "categories": categories, "cities": cities}


@pytest.fixture
def varied(world):
    """Forty candidates drawn at random over every attribute the score reads."""
    rng = random.Random(7)
    catalogue, categories, cities, postings = world["skills"], world["categories"], world["cities"], world["postings"]
    reason = RejectionReasonFactory(allows_resurfacing=True)
    for number in range(40):
        person = pool_candidate(
            f"P{number:02d}",
            skills=rng.sample(catalogue, k=rng.randint(0, 5)),
            categories=rng.sample(categories, k=rng.randint(0, 2)),
            locations=rng.sample(cities, k=rng.randint(0, 2)),
            degree_level=rng.choice(["", "bachelor", "master", "doctorate"]),
            major=rng.choice(["Computer Vision", "History", "Data Science", "计算机科学", "Physics", ""]),
            graduation_date=rng.choice([None, dt.date(2027, 6, 30), dt.date(2026, 10, 31), dt.date(2027, 10, 30)]),
            resume_uploaded_at=timezone.now() - dt.timedelta(days=rng.choice([1, 200])),
        )
        if rng.random() < 0.5:
            past_application(
                person,
                rng.choice(postings),
                reached=rng.choice([S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER]),
                reason=reason,
            )
    return world


@postgres_only
def test_the_fast_ranking_agrees_with_the_orm_ranking_on_a_varied_pool(varied):
    for posting in varied["postings"]:
        (loaded,) = matching.load_postings([posting])
        assert matching._fast_rows(loaded, now=timezone.now(), limit=50) is not None
        fast, slow = both_rankings(posting)
        assert fast == slow
    assert any(len(both_rankings(posting)[0]) > 5 for posting in varied["postings"])


@postgres_only
def test_the_fast_ranking_agrees_for_one_entry_and_with_a_limit(varied):
    posting = varied["postings"][0]
    fast, _slow = both_rankings(posting)
    (loaded,) = matching.load_postings([posting])
    for pk, _score, _reasons in fast[:3]:
        one = matching.rank(loaded, entry_ids=[pk])
        assert [(e.pk, e.score, e.reasons) for e in one] == [e for e in fast if e[0] == pk]
    assert both_rankings(posting, limit=3)[0] == fast[:3]


@postgres_only
def test_a_skill_without_a_bit_falls_back_to_the_orm_ranking(world):
    posting = world["postings"][0]
    beyond = Skill.objects.create(pk=match_profiles.WORD * match_profiles.SKILL_WORDS + 5, name="Zig", slug="zig")
    posting.skills.add(beyond)
    person = pool_candidate("Zed", skills=[beyond], categories=[], degree_level="doctorate")
    (loaded,) = matching.load_postings([posting])
    assert matching._fast_rows(loaded, now=timezone.now(), limit=50) is None
    (ranked,) = matching.rank(loaded, entry_ids=[person.pool_entry.pk])
    assert "zig" in ranked.reasons[0]["shared"]


@postgres_only
def test_a_profile_exists_only_while_the_entry_is_available(world):
    (kafka,) = skills("Kafka")
    person = pool_candidate("Kim", skills=[kafka], categories=[])
    entry = person.pool_entry
    assert MatchProfile.objects.filter(entry=entry).exists()
    profile = MatchProfile.objects.get(entry=entry)
    assert match_profiles.ids_of(profile.skill_bits_0, profile.skill_bits_1) == [kafka.pk]

    pool_leave(candidate=person)
    assert not MatchProfile.objects.filter(entry=entry).exists()
    pool_rejoin(candidate=person)
    assert MatchProfile.objects.filter(entry=entry).exists()

    # Expired by the daily job: gone.
    type(entry).objects.filter(pk=entry.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    entries_expire()
    assert not MatchProfile.objects.filter(entry=entry).exists()


@postgres_only
def test_a_profile_edit_reaches_the_match_profile_in_its_transaction(world):
    (kafka, flink) = skills("Kafka", "Flink")
    person = pool_candidate("Lu", skills=[kafka], categories=[], major="History")
    profile = person.candidate_profile
    profile.skills.add(flink)
    profile.major = "Flink systems"
    profile.save()
    row = MatchProfile.objects.get(entry=person.pool_entry)
    assert set(match_profiles.ids_of(row.skill_bits_0, row.skill_bits_1)) == {kafka.pk, flink.pk}
    assert match_profiles.ids_of(row.major_skill_bits_0, row.major_skill_bits_1) == [flink.pk]


@postgres_only
def test_the_full_rebuild_catches_a_renamed_skill(world):
    (kafka,) = skills("Kafka")
    person = pool_candidate("Mo", skills=[kafka], major="Stream processing")
    row = MatchProfile.objects.get(entry=person.pool_entry)
    assert match_profiles.ids_of(row.major_skill_bits_0, row.major_skill_bits_1) == []
    Skill.objects.filter(pk=kafka.pk).update(name="Stream processing", name_en="Stream processing")
    match_profiles.refresh()
    row.refresh_from_db()
    assert match_profiles.ids_of(row.major_skill_bits_0, row.major_skill_bits_1) == [kafka.pk]


@postgres_only
def test_the_sign_bit_of_a_word_counts_like_any_other(world):
    posting = world["postings"][1]
    top = Skill.objects.filter(pk=match_profiles.WORD - 1).first() or Skill.objects.create(
        pk=match_profiles.WORD - 1, name="Haskell", slug="haskell"
    )
    posting.skills.add(top)
    person = pool_candidate("Sig", skills=[top], categories=[], degree_level="doctorate")
    fast, slow = both_rankings(posting)
    assert fast == slow
    (loaded,) = matching.load_postings([posting])
    (ranked,) = matching.rank(loaded, entry_ids=[person.pool_entry.pk])
    assert ranked.reasons[0]["shared"] == ["haskell"]


def test_bits_round_trip_including_the_sign_bit():
    ids = [0, 5, 63, 64, 127]
    assert match_profiles.ids_of(*match_profiles.words(ids, 2)) == ids
    with pytest.raises(ValueError):
        match_profiles.words([128], 2)


def test_without_postgresql_no_profile_is_kept_and_the_orm_ranks(world, monkeypatch):
    monkeypatch.setattr(match_profiles, "supported", lambda: False)
    MatchProfile.objects.all().delete()
    person = pool_candidate("Ned", skills=world["skills"][:2], categories=[])
    entry_refresh(person)
    assert not MatchProfile.objects.exists()
    posting = world["postings"][0]
    (loaded,) = matching.load_postings([posting])
    assert matching._fast_rows(loaded, now=timezone.now(), limit=50) is None
    assert [e.pk for e in matching.top_suggestions(posting)] == [
        e.pk for e in matching.top_suggestions(posting, fast=False)
    ]
