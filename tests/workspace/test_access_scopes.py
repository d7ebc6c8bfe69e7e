"""The workspace's scopes: which units, postings and applications each persona works on."""

import pytest
from django.contrib.auth.models import Group, Permission

from applicants.models import Application
from applicants.services import application_submit
from postings.access import has_workspace, is_admin, reviewing_units, workspace_units
from postings.models import BusinessUnit, UnitMembership
from tests.factories import PostingFactory, UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def units(queryset):
    return sorted(unit.slug for unit in queryset)


def test_a_recruiter_works_in_their_units_only(recruiter_a, unit_a, unit_b):
    assert units(workspace_units(recruiter_a)) == ["alibaba-cloud"]
    assert list(BusinessUnit.objects.filter(pk__in=reviewing_units(recruiter_a))) == [unit_a]


def test_an_admin_works_in_every_unit(admin_user, unit_a, unit_b):
    assert is_admin(admin_user)
    assert units(workspace_units(admin_user)) == ["alibaba-cloud", "amap"]
    assert BusinessUnit.objects.filter(pk__in=reviewing_units(admin_user)).count() == 2


def test_the_publish_permission_through_a_group_makes_a_staff_user_an_admin(unit_a, unit_b):
    user = UserFactory(is_staff=True)
    group = Group.objects.create(name="Publishers")
    group.permissions.add(Permission.objects.get(codename="publish_posting"))
    user.groups.add(group)
    assert units(workspace_units(user)) == ["alibaba-cloud", "amap"]


def test_the_publish_permission_without_staff_status_makes_no_admin(unit_a):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="publish_posting"))
    assert not is_admin(user)
    assert list(workspace_units(user)) == []


def test_staff_without_the_publish_permission_is_no_admin(unit_a):
    staff = UserFactory(is_staff=True)
    assert not is_admin(staff)
    assert not has_workspace(staff)
    assert list(workspace_units(staff)) == []


def test_a_candidate_or_visitor_has_no_workspace(candidate, unit_a):
    from django.contrib.auth.models import AnonymousUser

    assert not has_workspace(candidate)
    assert not has_workspace(AnonymousUser())
    assert list(workspace_units(AnonymousUser())) == []


def test_a_viewer_sees_the_workspace_but_reviews_no_application(ready_candidate, unit_a):
    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER).user
    application_submit(candidate=ready_candidate, posting=PostingFactory(unit=unit_a))
    assert has_workspace(viewer)
    assert not Application.objects.reviewed_by(viewer).exists()


def test_reviewed_by_is_the_units_released_applications_never_the_users_own(
    ready_candidate, recruiter_a, recruiter_b, unit_a
):
    application = application_submit(candidate=ready_candidate, posting=PostingFactory(unit=unit_a))
    assert list(Application.objects.reviewed_by(recruiter_a)) == [application]
    assert not Application.objects.reviewed_by(recruiter_b).exists()
    assert not Application.objects.reviewed_by(ready_candidate).exists()


def test_an_inactive_admin_has_no_workspace(admin_user, unit_a):
    admin_user.is_active = False
    admin_user.save()
    assert not is_admin(admin_user)
    assert list(workspace_units(admin_user)) == []


def test_a_superuser_admin_works_in_every_unit_besides_their_own(unit_a, unit_b):
    superuser = UnitMembershipFactory(unit=unit_a, user__is_staff=True, user__is_superuser=True).user
    assert units(workspace_units(superuser)) == ["alibaba-cloud", "amap"]
    assert BusinessUnit.objects.filter(pk__in=reviewing_units(superuser)).count() == 2
