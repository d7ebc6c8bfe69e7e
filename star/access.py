"""Who sits on which committee, and what they may open: one helper per object, 404 for anything not theirs.

Star reviews are for the committees alone: a unit's recruiters who sit on no committee, candidates and
visitors never see them (applicants' workspace does not read this app). Admins see every committee's page
(they manage the committees) but score only where they are members.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from postings.access import is_admin

from .models import ResearchArea, StarApplication
from .queries import committee_areas


def areas_of(user):
    """The areas whose committee page `user` may open: theirs, or every one for an admin."""
    if not user.is_authenticated:
        return ResearchArea.objects.none()
    if is_admin(user):
        return ResearchArea.objects.all()
    return ResearchArea.objects.filter(pk__in=committee_areas(user))


def is_member(user, area) -> bool:
    return user.is_authenticated and area.committee.filter(user=user).exists()


def committee_area(user, slug) -> ResearchArea:
    """The area, if `user` sits on its committee (or is an admin); else 404."""
    return get_object_or_404(areas_of(user), slug=slug)


def reviewable_application(user, area, pk) -> StarApplication:
    """An application of `area` that `user`, a member of its committee, may score; else 404 (admins who are not
    members included: they read the ranking, the members score)."""
    if not is_member(user, area):
        raise Http404
    queryset = StarApplication.objects.for_committee(area).select_related(
        "application__posting__unit", "application__candidate"
    )
    return get_object_or_404(queryset, pk=pk)
