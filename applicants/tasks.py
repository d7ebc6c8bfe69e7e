"""Background jobs of the applicants app; each takes ids and calls one service."""

from celery import shared_task

from .resumes import resume_extract_text


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
def extract_resume_text(resume_id: int) -> str | None:
    """Read an uploaded resume's text for search and matching; does nothing when it was already read."""
    return resume_extract_text(resume_id=resume_id)
