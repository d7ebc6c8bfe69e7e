from django.db import transaction
from django.utils import timezone

from .models import Posting


@transaction.atomic
def postings_close_expired(*, now=None) -> int:
    """Close every published posting whose closing date has passed; returns how many."""
    now = now or timezone.now()
    return Posting.objects.filter(status=Posting.Status.PUBLISHED, closes_at__lt=now).update(
        status=Posting.Status.CLOSED, updated_at=now
    )
