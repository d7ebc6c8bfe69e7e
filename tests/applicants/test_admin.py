import pytest
from django.contrib.auth.models import Permission

from applicants.services import application_submit
from tests.factories import PostingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def support(db):
    user = UserFactory(email="sam@example.com", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="applicants", codename__startswith="view_")
    )
    return user


def test_staff_with_view_rights_read_applications_profiles_and_resumes(client, support, ready_candidate):
    application = application_submit(candidate=ready_candidate, posting=PostingFactory())
    client.force_login(support)
    for url in (
        "/admin/applicants/application/",
        f"/admin/applicants/application/{application.pk}/change/",
        "/admin/applicants/candidateprofile/",
        "/admin/applicants/resume/",
        f"/admin/applicants/resume/{application.resume_id}/change/",
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/admin/applicants/resume/{application.resume_id}/change/").text
    assert "resumes/" not in page, "no path or link to the stored file"


def test_applications_cannot_be_edited_in_the_admin(client, support, ready_candidate):
    application = application_submit(candidate=ready_candidate, posting=PostingFactory())
    client.force_login(support)
    client.post(f"/admin/applicants/application/{application.pk}/change/", {"status": "hired"})
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_candidate_cannot_open_the_admin(client, ready_candidate):
    client.force_login(ready_candidate)
    assert client.get("/admin/applicants/application/").status_code in {302, 403}
