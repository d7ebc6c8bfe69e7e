"""Background jobs of the applicants app; each takes ids and calls the service of the same name."""

from celery import shared_task

from . import services


# Reading 20 pages takes seconds; the soft limit ends a pathological file as
# "failed" (pypdf is interrupted and the error is caught as an unreadable PDF).
# Only storage errors are worth retrying.
@shared_task(
    ignore_result=True,
    soft_time_limit=60,
    time_limit=75,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def resume_extract_text(resume_id: int) -> str | None:
    """Read an uploaded resume's text for search and matching; does nothing when it was already read."""
    return services.resume_extract_text(resume_id=resume_id)
