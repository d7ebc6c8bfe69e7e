"""The Star track's personas and data: a research program (cap 1), two research areas, research postings of
unit A (one for master's and PhD students, one for PhD students only), committee members of each area."""

import datetime as dt

import pytest

from postings.models import Program
from star.models import CommitteeMembership, PostingArea, ResearchArea
from tests.factories import PostingFactory, ProgramFactory, UserFactory, verify_email


@pytest.fixture
def research_program(db):
    return ProgramFactory(
        slug="2027-star",
        name="Star Program 2027",
        track=Program.Track.RESEARCH,
        graduation_start=dt.date(2026, 11, 1),
        graduation_end=dt.date(2027, 10, 30),
        max_active_applications=1,
    )


@pytest.fixture
def models_area(db):
    return ResearchArea.objects.create(
        slug="fundamental-models", name="Fundamental models", name_zh_hans="基础模型", position=0
    )


@pytest.fixture
def infra_area(db):
    return ResearchArea.objects.create(
        slug="ai-infrastructure", name="AI infrastructure", name_zh_hans="AI基础设施", position=1
    )


@pytest.fixture
def research_posting(research_program, unit_a, models_area):
    """Master's and PhD students, fundamental models, at unit A (Rita's)."""
    posting = PostingFactory(
        program=research_program,
        unit=unit_a,
        title="Star Researcher — pre-training",
        degree_levels=["master", "doctorate"],
    )
    PostingArea.objects.create(posting=posting, area=models_area)
    return posting


@pytest.fixture
def phd_posting(research_program, unit_a, infra_area):
    """PhD students only, AI infrastructure."""
    posting = PostingFactory(
        program=research_program, unit=unit_a, title="Star Researcher — inference", degree_levels=["doctorate"]
    )
    PostingArea.objects.create(posting=posting, area=infra_area)
    return posting


@pytest.fixture
def member(models_area):
    """Mo sits on the fundamental-models committee."""
    user = verify_email(UserFactory(email="mo@example.com", name="Mo Member"))
    CommitteeMembership.objects.create(user=user, area=models_area)
    return user


@pytest.fixture
def other_member(models_area):
    user = verify_email(UserFactory(email="nina@example.com", name="Nina Member"))
    CommitteeMembership.objects.create(user=user, area=models_area)
    return user


@pytest.fixture
def infra_member(infra_area):
    """Ivan sits on the AI-infrastructure committee only."""
    user = verify_email(UserFactory(email="ivan@example.com", name="Ivan Member"))
    CommitteeMembership.objects.create(user=user, area=infra_area)
    return user


def star_form(chosen_areas, **overrides) -> dict:
    """A valid research application form's data with one publication (override any field)."""
    data = {
        "areas": [area.pk for area in chosen_areas],
        "statement": "I study scaling laws.\r\nNext: data mixtures.",
        "advisor_name": "Prof. Zhang Min",
        "advisor_institution": "Tsinghua University",
        "expected_degree": "doctorate",
        "publications-TOTAL_FORMS": "1",
        "publications-INITIAL_FORMS": "0",
        "publications-MIN_NUM_FORMS": "0",
        "publications-MAX_NUM_FORMS": "25",
        "publications-0-title": "Data Mixtures Obey Scaling Laws",
        "publications-0-venue": "NeurIPS",
        "publications-0-year": "2025",
        "publications-0-link": "https://papers.example.com/mixtures",
        "publications-0-author_position": "first",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def publications(count: int, **row) -> dict:
    """Form data for `count` publication rows."""
    data = {"publications-TOTAL_FORMS": str(count)}
    for index in range(count):
        values = {
            "title": f"Paper {index}",
            "venue": "ICML",
            "year": "2024",
            "link": "",
            "author_position": "other",
            **row,
        }
        data.update({f"publications-{index}-{name}": value for name, value in values.items()})
    return data
