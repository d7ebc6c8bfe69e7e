from celery import shared_task

from .services import postings_close_expired


@shared_task(ignore_result=True)
def close_expired_postings() -> int:
    """Close published postings past their closing date (beat runs it hourly)."""
    return postings_close_expired()
