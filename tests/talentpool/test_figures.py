"""The pool's figures: the numbers on a hand-built pool where they are known, the figures page and its CSV (who sees
what), and the panel on a unit's dashboard."""

import csv
import io
import re

import pytest
from django.utils import translation

from applicants.models import Application
from applicants.pipeline_version import pipeline_version
from talentpool import figures
from talentpool.models import Invitation, PoolEntry, Suggestion
from tests.factories import (
    ApplicationFactory,
    BusinessUnitFactory,
    PostingFactory,
    UnitMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = Application.Status
I = Invitation.State  # noqa: E741


def entry(name: str) -> PoolEntry:
    return PoolEntry.objects.create(candidate=UserFactory(name=name), status=PoolEntry.Status.AVAILABLE)


def suggest(entry, posting, state=Suggestion.State.NEW):
    return Suggestion.objects.create(entry=entry, posting=posting, score=1.0, reasons=[], state=state)


def invite(entry, posting, state=I.SENT):
    return Invitation.objects.create(entry=entry, posting=posting, state=state)


def hire(entry, posting, *, status=S.HIRED, source=Application.Source.TALENT_POOL):
    return ApplicationFactory(candidate=entry.candidate, posting=posting, status=status, source=source)


@pytest.fixture
def pool(unit_a, unit_b):
    """Unit A (Alibaba Cloud): one posting; unit B (Amap): two; unit C (T-Head): one; unit D: none.

    A: suggested e1, e2, e3; invited e1 (accepted, hired), e2 (declined)          -> 3, 2, 1, 1
    B: suggested e1 (posting 1, dismissed) and e4 (both postings); invited e4     -> 2, 1, 0, 0
    C: nothing suggested; invited e5 from the search (accepted, at interview)     -> 1, 1, 1, 0
    overall, each candidate once: e1..e5 resurfaced, e1 e2 e4 e5 invited, e1 e5 accepted, one hire
    """
    unit_c = BusinessUnitFactory(name="T-Head", slug="t-head")
    unit_d = BusinessUnitFactory(name="Zeta", slug="zeta")
    pa, pb1, pb2, pc = (PostingFactory(unit=unit) for unit in (unit_a, unit_b, unit_b, unit_c))
    e1, e2, e3, e4, e5 = (entry(name) for name in ("E1", "E2", "E3", "E4", "E5"))
    for each in (e1, e2, e3):
        suggest(each, pa, state=Suggestion.State.INVITED if each in (e1, e2) else Suggestion.State.NEW)
    suggest(e1, pb1, state=Suggestion.State.DISMISSED)
    suggest(e4, pb1, state=Suggestion.State.INVITED)
    suggest(e4, pb2)
    invite(e1, pa, I.ACCEPTED)
    invite(e2, pa, I.DECLINED)
    invite(e4, pb1)
    invite(e5, pc, I.ACCEPTED)
    hire(e1, pa)
    hire(e5, pc, status=S.INTERVIEW)
    # Not through the pool: a direct hire, and a pool application not (yet) hired.
    hire(entry("Direct"), pa, source=Application.Source.DIRECT)
    return {"a": unit_a, "b": unit_b, "c": unit_c, "d": unit_d, "pa": pa}


def test_each_unit_s_figures_are_counted_per_candidate(pool):
    counted = figures.units_figures()

    # E3's suggestion waits on A's open posting, E4's on B's second.
    assert counted[pool["a"].pk] == figures.PoolFigures(resurfaced=3, invited=2, accepted=1, hired=1, waiting=1)
    assert counted[pool["b"].pk] == figures.PoolFigures(resurfaced=2, invited=1, accepted=0, hired=0, waiting=1)
    # Invited from the pool's search, never suggested: resurfaced all the same.
    assert counted[pool["c"].pk] == figures.PoolFigures(resurfaced=1, invited=1, accepted=1, hired=0)
    assert counted[pool["d"].pk] == figures.PoolFigures()
    assert figures.unit_figures(pool["d"]) == figures.PoolFigures()


def test_the_overall_figures_count_each_candidate_once(pool):
    assert figures.overall_figures() == figures.PoolFigures(resurfaced=5, invited=4, accepted=2, hired=1)


def test_the_figures_are_aggregate_queries_whatever_the_number_of_units(pool, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures.units_figures()
    with django_assert_num_queries(1):
        figures.unit_figures(pool["a"])
    with django_assert_num_queries(5):
        figures.overall_figures()


def test_the_acceptance_share_is_of_the_invited():
    assert figures.PoolFigures(invited=4, accepted=1).acceptance == 0.25
    assert figures.PoolFigures().acceptance is None


# --- The figures page ------------------------------------------------------------------------


URL = "/recruit/pool/figures/"


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_recruiter_sees_their_unit_s_figures(client, recruiter_a, pool):
    client.force_login(recruiter_a)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["unit"] == pool["a"]
    assert [cell.value for cell in response.context["section"].rows[0]] == ["Alibaba Cloud", 3, 2, 1, 1, 50.0]
    assert response.context["total"] is None
    page = text(response)
    assert "Amap" not in page
    assert "T-Head" not in page


def test_a_recruiter_of_several_units_picks_another_of_theirs(client, recruiter_a, pool):
    UnitMembershipFactory(user=recruiter_a, unit=pool["b"])
    client.force_login(recruiter_a)

    response = client.get(URL, {"unit": "amap"})

    assert response.status_code == 200
    assert [cell.value for cell in response.context["section"].rows[0]][:5] == ["Amap", 2, 1, 0, 0]
    assert 'href="?unit=alibaba-cloud"' in response.content.decode()


@pytest.mark.parametrize("asked", ["amap", "t-head", "no-such-unit", "", "a b", "\x00", "x" * 200, "<script>"])
def test_another_unit_or_odd_input_is_not_found(client, recruiter_a, pool, asked):
    client.force_login(recruiter_a)

    assert client.get(URL, {"unit": asked}).status_code == 404
    assert client.get(URL + "talent-pool.csv", {"unit": asked}).status_code == 404


def test_an_admin_sees_every_unit_and_the_overall_line(client, admin_user, pool):
    client.force_login(admin_user)

    response = client.get(URL)

    assert response.status_code == 200
    table = {row[0].value: [cell.value for cell in row[1:5]] for row in response.context["section"].rows}
    assert table == {
        "Alibaba Cloud": [3, 2, 1, 1],
        "Amap": [2, 1, 0, 0],
        "T-Head": [1, 1, 1, 0],
        "Zeta": [0, 0, 0, 0],
    }
    assert [cell.value for cell in response.context["total"]][:5] == ["All units", 5, 4, 2, 1]
    assert "<tfoot>" in response.content.decode()


def test_an_admin_may_look_at_one_unit(client, admin_user, pool):
    client.force_login(admin_user)

    response = client.get(URL, {"unit": "t-head"})

    assert [cell.value for cell in response.context["section"].rows[0]][:5] == ["T-Head", 1, 1, 1, 0]
    assert response.context["total"] is None


def test_the_csv_holds_the_page_s_table(client, admin_user, recruiter_a, pool):
    client.force_login(admin_user)
    response = client.get(URL + "talent-pool.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="talent-pool-')
    table = rows(response)
    assert table[0][:5] == ["Unit", "Resurfaced", "Invited", "Accepted", "Hired through the pool"]
    assert table[0][5] == "Accepted of invited (%)"
    assert table[1] == ["Alibaba Cloud", "3", "2", "1", "1", "50.0"]
    assert table[-1] == ["All units", "5", "4", "2", "1", "50.0"]

    client.force_login(recruiter_a)
    mine = rows(client.get(URL + "talent-pool.csv"))
    assert [row[0] for row in mine] == ["Unit", "Alibaba Cloud"]


def test_who_may_open_the_figures(client, candidate, pool):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

    client.force_login(candidate)
    assert client.get(URL).status_code == 404
    assert client.get(URL + "talent-pool.csv").status_code == 404


def test_the_figures_page_is_in_chinese_too(client, recruiter_a, pool):
    recruiter_a.language = "zh-hans"
    recruiter_a.save(update_fields=["language"])
    pool["a"].name_zh_hans = "阿里云"
    pool["a"].save()
    client.force_login(recruiter_a)

    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 200
    assert 'lang="zh-Hans"' in response.content.decode()
    assert "阿里云" in text(response)
    translation.activate("en")


# --- The dashboard panel -------------------------------------------------------------------------


def test_the_dashboard_shows_the_pool_panel(client, recruiter_a, pool):
    client.force_login(recruiter_a)

    response = client.get(f"/recruit/units/{pool['a'].slug}/")

    (panel,) = response.context["dashboard_panels"]
    assert 'id="pool-panel-title"' in panel
    assert "<dt>Resurfaced</dt><dd>3</dd>" in panel
    assert "<dt>Invited</dt><dd>2</dd>" in panel
    assert "<dt>Hired through the pool</dt><dd>1</dd>" in panel
    # One new suggestion (E3's) waits on the unit's open posting.
    assert "1 suggestion waiting for your open postings" in text(response)
    assert f'href="/recruit/pool/figures/?unit={pool["a"].slug}"' in panel


def test_the_kept_dashboard_shows_an_invitation_made_after_it_was_kept(client, recruiter_a, pool):
    client.force_login(recruiter_a)
    dashboard = f"/recruit/units/{pool['a'].slug}/"
    client.get(dashboard)
    client.get(dashboard)  # the visit recorded, the page kept
    kept = client.get(dashboard)
    assert kept.context is None or "dashboard_panels" not in kept.context  # from the cache: the page not rendered
    assert "<dt>Invited</dt><dd>2</dd>" in kept.content.decode()
    version = pipeline_version(pool["a"].pk)

    invite(PoolEntry.objects.get(candidate__name="E3"), pool["pa"])

    assert pipeline_version(pool["a"].pk) != version
    assert "<dt>Invited</dt><dd>3</dd>" in client.get(dashboard).content.decode()


def test_another_unit_s_invitation_leaves_the_unit_s_version(pool):
    version = pipeline_version(pool["a"].pk)
    invite(PoolEntry.objects.get(candidate__name="E3"), PostingFactory(unit=pool["b"]))
    assert pipeline_version(pool["a"].pk) == version
