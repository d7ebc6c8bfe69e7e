"""The recruiters' digest of new matches: one email a day to each recruiter (and hiring manager) of a unit whose open
postings have new pool suggestions, in the recipient's language: per posting, how many new matches, the best few
with the reasons in words, and a link to the posting's suggestions.

Sent once, however often it runs: the day's `Digest` row (one per day, a unique column) is created in the
transaction that claims the new suggestions (`Suggestion.digest`, a conditional update: a suggestion is announced
once) and writes the emails into the notification outbox, keyed by the recipient and the day. A second run the
same day finds the row and sends nothing; suggestions made after the day's digest wait for the next day's. A day
with nothing new writes no row, so a later run that day still sends what the night's refresh found after all.

The beat runs it in the morning, hours after the nightly refresh (tasks.py and docs/scaling.md say why not as a
chord of the refresh's batches).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from postings.models import BusinessUnit, Posting, UnitMembership
from recruit.notifications.services import absolute_url, notify, recipient_language
from recruit.wording import join_words

from .matching import reasons_in_words
from .models import Digest, Suggestion

EVENT = "pool_digest"
# The best matches shown for each posting; the posting's pool page lists them all.
TOP_MATCHES = 3
# Postings listed in one email (the busiest first); the rest are counted, and found in the pool's pages.
MAX_POSTINGS = 20


def pool_path() -> str:
    """The pool's recruiter pages (/recruit/pool/), whether or not their URLs are installed."""
    try:
        return reverse("pool:home")
    except NoReverseMatch:
        return "/recruit/pool/"


def posting_pool_path(posting_id: int) -> str:
    """A posting's suggestions in the pool's pages (/recruit/pool/postings/<pk>/)."""
    try:
        return reverse("pool:posting", args=[posting_id])
    except NoReverseMatch:
        return f"/recruit/pool/postings/{posting_id}/"


@dataclass
class Match:
    name: str
    reasons: str


@dataclass
class PostingMatches:
    """One posting's new matches, as an email lists them."""

    posting: Posting
    count: int
    top: list[Match] = field(default_factory=list)
    url: str = ""


def digest_send(*, now: dt.datetime | None = None) -> Digest | None:
    """Announce the new suggestions of the open postings to their units' recruiters: the day's Digest, or None when
    the day's digest was sent already or nothing is new."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    with transaction.atomic():
        digest, created = Digest.objects.get_or_create(day=day)
        if not created:
            return None
        # Claimed all at once, those of postings closed since the refresh too (the next refresh removes them).
        Suggestion.objects.filter(state=Suggestion.State.NEW, digest__isnull=True).update(digest=digest)
        counts = dict(
            Suggestion.objects.filter(digest=digest, posting__in=Posting.objects.public(now))
            .values_list("posting_id")
            .annotate(count=Count("pk"))
            .order_by()
        )
        if not counts:
            # Nothing to announce: no row, so a later run today announces what arrives until then.
            transaction.set_rollback(True)
            return None
        postings = {
            posting.pk: posting
            for posting in Posting.objects.filter(pk__in=counts)
            .select_related("unit")
            .defer("search_text", "search_document", "description", "requirements")
        }
        best = _best_matches(digest, list(counts))
        units = BusinessUnit.objects.in_bulk({posting.unit_id for posting in postings.values()})
        sent = 0
        for person, unit_ids in _recipients(set(units)):
            mine = [posting for posting in postings.values() if posting.unit_id in unit_ids]
            theirs = [units[unit_id] for unit_id in unit_ids]
            if _notify(person, mine, units=theirs, counts=counts, best=best, day=day):
                sent += 1
        digest.suggestions_count = sum(counts.values())
        digest.recipients_count = sent
        digest.save(update_fields=["suggestions_count", "recipients_count"])
    return digest


def _best_matches(digest: Digest, posting_ids: list[int]) -> dict[int, list[Suggestion]]:
    """The TOP_MATCHES best new suggestions of each posting, in one query (a window over the postings)."""
    place = Window(RowNumber(), partition_by=[F("posting_id")], order_by=[F("score").desc(), F("pk").asc()])
    rows = (
        Suggestion.objects.filter(digest=digest, posting_id__in=posting_ids)
        .annotate(place=place)
        .filter(place__lte=TOP_MATCHES)
        .select_related("entry__candidate")
        .only("pk", "posting_id", "score", "reasons", "entry__candidate__name")
        .order_by("posting_id", "place")
    )
    best: dict[int, list[Suggestion]] = {}
    for suggestion in rows:
        best.setdefault(suggestion.posting_id, []).append(suggestion)
    return best


def _recipients(unit_ids: set[int]) -> list[tuple[object, set[int]]]:
    """The active reviewers of these units, each with the units of theirs among them, in a fixed order."""
    memberships = (
        UnitMembership.objects.filter(unit_id__in=unit_ids, role__in=UnitMembership.REVIEW_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("user_id", "unit_id")
    )
    people: dict[int, tuple[object, set[int]]] = {}
    for membership in memberships:
        people.setdefault(membership.user_id, (membership.user, set()))[1].add(membership.unit_id)
    return list(people.values())


def _notify(person, postings: list[Posting], *, units: list, counts: dict, best: dict, day: dt.date):
    """The digest to one person, in their language; keyed by the day, so they get one a day."""
    language = recipient_language(person)
    with translation.override(language):
        postings = sorted(postings, key=lambda posting: (-counts[posting.pk], str(posting.title), posting.pk))
        items = [
            PostingMatches(
                posting=posting,
                count=counts[posting.pk],
                top=[
                    Match(
                        name=suggestion.entry.candidate.name or _("A pool candidate"),
                        reasons=reasons_in_words(suggestion.reasons, language),
                    )
                    for suggestion in best.get(posting.pk, [])
                ],
                url=absolute_url(posting_pool_path(posting.pk)),
            )
            for posting in postings[:MAX_POSTINGS]
        ]
        context = {
            "recipient_name": person.name or "",
            "total": sum(counts[posting.pk] for posting in postings),
            "postings": items,
            "more_postings": max(0, len(postings) - MAX_POSTINGS),
            "units": join_words(sorted(str(unit.name) for unit in units)),
            "day": day,
        }
    return notify(
        recipient=person, event=EVENT, key=f"pool-digest-{day.isoformat()}", context=context, link=pool_path()
    )
