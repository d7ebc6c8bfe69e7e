"""Who may open what: one table, persona x URL -> status.

Alice applied to a role of unit A with her first resume, then to a role of
unit B (waiting: queued, unseen by unit B), then uploaded a second version.
"""

import pytest

from applicants.models import Application, Resume
from applicants.services import application_move, application_submit
from applicants.workflow import Mover
from tests.factories import PostingFactory, ResumeFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor", "candidate", "other_candidate", "recruiter_a", "recruiter_b", "admin_user"]
SIGNED_IN = {"visitor": 302, "candidate": 200, "other_candidate": 200, "recruiter_a": 200, "recruiter_b": 200}
OWN_PAGE = {"visitor": 302, "candidate": 200}
OWN_FILE = {"visitor": 404, "candidate": 200}

# url name -> {persona: status}; a persona not named gets 404.
MATRIX = {
    "/me/": {**SIGNED_IN, "admin_user": 200},
    "/me/profile/": {**SIGNED_IN, "admin_user": 200},
    "/me/resumes/": {**SIGNED_IN, "admin_user": 200},
    "/me/privacy/": {**SIGNED_IN, "admin_user": 200},
    "/me/privacy/export/": {**SIGNED_IN, "admin_user": 200},
    "/me/apply/{posting_a}/": {**SIGNED_IN, "admin_user": 200},
    "/me/applications/{sent_to_a}/": OWN_PAGE,
    "/me/applications/{waiting_for_b}/": OWN_PAGE,
    "/me/applications/{sent_to_a}/withdraw/": OWN_PAGE,
    # The version unit A received: Alice, unit A's recruiter, and an admin (who sees every unit's applications).
    "/me/resumes/{first_version}/download/": {**OWN_FILE, "recruiter_a": 200, "admin_user": 200},
    # Her other version: Alice alone, never a recruiter nor an admin.
    "/me/resumes/{second_version}/download/": OWN_FILE,
    "/me/resumes/987654/download/": {"visitor": 404},
    "/me/applications/987654/": {"visitor": 302},
}


@pytest.fixture
def alice_world(ready_candidate, unit_a, unit_b):
    posting_a = PostingFactory(unit=unit_a)
    posting_b = PostingFactory(unit=unit_b, program=posting_a.program)
    first_version = ready_candidate.resumes.get()
    sent_to_a = application_submit(candidate=ready_candidate, posting=posting_a)
    waiting_for_b = application_submit(candidate=ready_candidate, posting=posting_b)
    Resume.objects.filter(pk=first_version.pk).update(is_current=False)
    second_version = ResumeFactory(candidate=ready_candidate)
    return {
        "posting_a": posting_a.pk,
        "sent_to_a": sent_to_a.pk,
        "waiting_for_b": waiting_for_b.pk,
        "first_version": first_version.pk,
        "second_version": second_version.pk,
    }


CASES = [(url, persona, expected.get(persona, 404)) for url, expected in MATRIX.items() for persona in PERSONAS]


@pytest.mark.parametrize(("url", "persona", "expected"), CASES)
def test_access_matrix(client, request, alice_world, url, persona, expected, unit_a, unit_b):
    user = request.getfixturevalue(persona) if persona != "visitor" else None
    if user is not None:
        client.force_login(user)
    response = client.get(url.format(**alice_world))
    assert response.status_code == expected, f"{persona} GET {url}"
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["other_candidate", "recruiter_a", "recruiter_b", "admin_user"])
def test_nobody_else_changes_alices_applications_or_resumes(client, request, alice_world, persona):
    client.force_login(request.getfixturevalue(persona))
    posts = [
        f"/me/applications/{alice_world['sent_to_a']}/withdraw/",
        f"/me/resumes/{alice_world['first_version']}/delete/",
        f"/me/resumes/{alice_world['second_version']}/current/",
    ]
    for url in posts:
        assert client.post(url).status_code == 404, url
    reorder = {"application": alice_world["waiting_for_b"], "direction": "up"}
    assert client.post("/me/applications/reorder/", reorder).status_code == 404
    assert Application.objects.get(pk=alice_world["sent_to_a"]).status == Application.Status.SUBMITTED
    assert Resume.objects.filter(pk=alice_world["first_version"]).exists()


def test_unit_b_reads_the_resume_once_the_waiting_application_is_released(
    client, alice_world, recruiter_a, recruiter_b, rejection_reason
):
    url = f"/me/resumes/{alice_world['first_version']}/download/"
    client.force_login(recruiter_b)
    assert client.get(url).status_code == 404
    first = Application.objects.get(pk=alice_world["sent_to_a"])
    application_move(
        application=first,
        target="rejected",
        actor=recruiter_a,
        by=Mover.RECRUITER,
        reason="Filled",
        rejection_reason=rejection_reason,
    )
    assert client.get(url).status_code == 200
    assert client.get(f"/me/resumes/{alice_world['second_version']}/download/").status_code == 404


def test_a_recruiter_does_not_read_versions_of_a_candidate_who_applied_to_the_unit(client, alice_world, recruiter_a):
    client.force_login(recruiter_a)
    assert client.get(f"/me/resumes/{alice_world['second_version']}/download/").status_code == 404


def test_a_viewer_of_the_unit_does_not_read_resumes(client, alice_world, unit_a):
    from postings.models import UnitMembership
    from tests.factories import UnitMembershipFactory

    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER).user
    client.force_login(viewer)
    assert client.get(f"/me/resumes/{alice_world['first_version']}/download/").status_code == 404
