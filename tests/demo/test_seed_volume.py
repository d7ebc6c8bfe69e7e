"""seed_volume: bulk published postings for benchmarks, added on every run."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from postings.models import BusinessUnit, Posting, Program
from recruit.accounts.models import User

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("seed_volume", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def published():
    return Posting.objects.filter(status=Posting.Status.PUBLISHED)


def test_seed_volume_creates_the_requested_postings_with_skills_and_locations(debug):
    output = run("--postings", "250", "--batch-size", "40")

    assert "Added 250 published postings" in output
    assert "over 16 units (0 of them new)" in output
    postings = Posting.objects.prefetch_related("skills", "locations")
    assert len(postings) == 250
    for posting in postings:
        assert posting.status == Posting.Status.PUBLISHED
        assert 3 <= len(posting.skills.all()) <= 6
        assert 1 <= len(posting.locations.all()) <= 3
    assert published().figures()["ai_share"] >= 80


def test_seed_volume_search_text_is_what_the_model_builds(debug):
    run("--postings", "50")

    for posting in Posting.objects.select_related("unit", "category").prefetch_related("skills"):
        # The database may order skill names by another collation than Python.
        assert sorted(posting.search_text.split()) == sorted(posting.build_search_text().split())


def test_seed_volume_adds_to_what_is_there(debug):
    run("--postings", "30")
    run("--postings", "30")

    assert Posting.objects.count() == 60
    assert Program.objects.count() == 2


def test_seed_volume_adds_volume_units_beyond_the_existing_ones(debug):
    run("--postings", "100", "--units", "20")
    run("--postings", "10", "--units", "20")

    volume = BusinessUnit.objects.filter(name__startswith="Volume Unit")
    assert sorted(volume.values_list("name", flat=True)) == [f"Volume Unit {n}" for n in (17, 18, 19, 20)]
    assert Posting.objects.values("unit").distinct().count() <= 20


def test_seed_volume_spreads_postings_over_fewer_units_when_asked(debug):
    run("--postings", "60", "--units", "3")

    assert Posting.objects.values("unit").distinct().count() <= 3


def test_seed_volume_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG off"):
        run("--postings", "10")

    assert not Posting.objects.exists()


def test_seed_volume_force_runs_with_debug_off(settings):
    settings.DEBUG = False

    run("--postings", "10", "--force")

    assert Posting.objects.count() == 10
    assert not User.objects.exists()


def test_seed_volume_writes_the_postings_in_chinese_too(debug):
    run("--postings", "200", "--units", "18")

    cjk = re.compile(r"[\u4e00-\u9fff]")
    for posting in Posting.objects.select_related("unit", "category"):
        assert posting.title_en and posting.description_en and posting.requirements_en
        assert posting.title_zh_hans.startswith(posting.category.name_zh_hans), posting.title_en
        assert posting.unit.name_zh_hans in posting.description_zh_hans, posting.title_en
        description = posting.description_zh_hans
        assert len(cjk.findall(description)) > len(re.findall(r"[A-Za-z]", description)), posting.title_en
        assert len(posting.requirements_zh_hans.splitlines()) == len(posting.requirements_en.splitlines())
    assert Posting.objects.filter(description_zh_hans__contains="大模型").exists()
    volume = BusinessUnit.objects.filter(slug__startswith="volume-unit")
    assert sorted(volume.values_list("name_zh_hans", flat=True)) == ["压测事业部 17", "压测事业部 18"]
