"""What a recruiter's units may see of the talent pool, written once.

The pool is for the workspace: unit members and admins (postings.access.has_workspace); anyone else gets 404.
Every unit sees the same pool: the entries available now, that is consenting, not expired (by the clock, even
before the daily job marks them), not left, and available (availability.py). An admin works in every unit and
sees what they see.

The turndown rule (the issue: no pool page shows a candidate "to the unit that turned them down for that
category"): a turndown is of one unit and one role category, so it hides the entry wherever the page is about that
category for that unit: a posting's suggestions (the posting's unit and category) and the search when it is
narrowed to a role category (the unit worked in). The general search and a pool profile, which are about no
category, still show the entry: the unit may consider a candidate it turned down for a product role for an AI
one. No page names the unit that turned a candidate down.

What a recruiter reads of an entry is the pool profile (name, school, degree, major, graduation, skills, preferred
categories and cities, the highest stage reached, an excerpt of the resume): never another unit's reviews, notes,
scores or rejection reasons. The email and phone are shown only once the candidate has accepted an invitation of
one of the recruiter's units.
"""

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from applicants.workspace.filters import LONG_POSTING_FIELDS
from postings.access import has_workspace, reviewing_units, workspace_postings, workspace_units
from postings.models import Posting

from .models import Invitation, PoolEntry, Suggestion, Turndown


def available_entries(now=None):
    """The entries any unit's pages may show: available, consenting, not expired by the clock, not left."""
    now = now or timezone.now()
    return PoolEntry.objects.filter(
        status=PoolEntry.Status.AVAILABLE,
        consent_at__isnull=False,
        expires_at__gt=now,
        left_at__isnull=True,
    )


def not_turned_down(entries, *, unit, category):
    """`entries` less those `unit` turned down for `category` (ids or objects)."""
    return entries.exclude(Exists(Turndown.objects.filter(entry_id=OuterRef("pk"), unit=unit, category=category)))


def visible_to(user, *, unit=None, category=None, now=None):
    """The pool entries `user` may see (none without a workspace); with a unit and a role category, less those the
    unit turned down for that category."""
    if not has_workspace(user):
        return PoolEntry.objects.none()
    entries = available_entries(now)
    if unit is not None and category is not None:
        entries = not_turned_down(entries, unit=unit, category=category)
    return entries


def pool_entry(user, pk, *, now=None) -> PoolEntry:
    """The entry of this id if `user` may see it, with its profile; else 404."""
    entries = visible_to(user, now=now).select_related("candidate", "candidate__candidate_profile")
    return get_object_or_404(entries.defer("search_text", "search_document"), pk=pk)


def pool_posting(user, pk):
    """One of the postings of `user`'s units, for its suggestions; another unit's (or none): 404."""
    return get_object_or_404(
        workspace_postings(user).select_related("unit", "category", "program").defer(*LONG_POSTING_FIELDS),
        pk=pk,
    )


def posting_suggestions(user, posting, *, now=None):
    """The posting's new suggestions that `user` may still see, best first (an entry that stopped being available
    or that the posting's unit turned down since the last refresh is left out)."""
    entries = visible_to(user, unit=posting.unit, category=posting.category, now=now)
    return Suggestion.objects.filter(posting=posting, state=Suggestion.State.NEW, entry__in=entries).order_by(
        "-score", "pk"
    )


def posting_suggestions_of(user, entry, *, unit, now=None):
    """The entry's new suggestions for the unit's open postings (those of a category the unit turned the candidate
    down for left out), best first."""
    if not has_workspace(user):
        return Suggestion.objects.none()
    turned_down = Turndown.objects.filter(entry_id=entry.pk, unit=unit, category_id=OuterRef("posting__category_id"))
    return (
        Suggestion.objects.filter(
            entry=entry,
            state=Suggestion.State.NEW,
            posting__in=Posting.objects.public(now).filter(unit=unit, unit__in=workspace_units(user)),
        )
        .exclude(Exists(turned_down))
        .order_by("-score", "pk")
    )


def dismissable_suggestion(user, posting_pk, pk) -> Suggestion:
    """A suggestion of one of the postings whose applications `user` reviews (recruiters, hiring managers,
    admins); a viewer, another unit's posting or an unknown id: 404."""
    if not has_workspace(user):
        raise Http404
    return get_object_or_404(
        Suggestion.objects.select_related("posting"),
        pk=pk,
        posting_id=posting_pk,
        posting__unit__in=reviewing_units(user),
    )


def shares_contact(user, entry) -> bool:
    """Whether the candidate accepted an invitation of one of `user`'s units: only then are their email and phone
    on the pool profile."""
    return Invitation.objects.filter(
        entry=entry, state=Invitation.State.ACCEPTED, posting__unit__in=workspace_units(user)
    ).exists()


__all__ = [
    "available_entries",
    "dismissable_suggestion",
    "not_turned_down",
    "pool_entry",
    "pool_posting",
    "posting_suggestions",
    "posting_suggestions_of",
    "shares_contact",
    "visible_to",
]
