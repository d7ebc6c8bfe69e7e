from celery import shared_task

from .services import postings_close_expired


@shared_task(ignore_result=True)
def close_expired_postings() -> int:
    """Close published postings past their closing date, each closing recorded and announced (beat runs it
    hourly). Idempotent: a posting closed once is no longer published, so a second run leaves it."""
    return postings_close_expired()
