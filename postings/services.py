"""Writes of the catalogue that run on their own (the beat schedule); the publishing workflow is in
postings.publishing."""

from django.utils import timezone

from .publishing import postings_close_due


def postings_close_expired(*, now=None) -> int:
    """Close every published posting whose closing date has passed, recording each closing (with no actor)
    and telling the unit's recruiters; returns how many."""
    return postings_close_due(now=now or timezone.now())
