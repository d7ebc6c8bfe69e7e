"""The talent pool's scheduled work (beat: recruit/celery.py): the nightly refresh of every open posting's
suggestions, split into tasks by batch of postings; the morning digest of new matches to the recruiters; the daily
expiry of entries past retention, with the reminder 30 days before.

The refresh is a Celery group of `pool_refresh_batch` tasks, each given only the ids of its postings, so any worker
on any machine takes the next batch: more workers finish the night sooner (docs/scaling.md). Every task is
idempotent, so a batch delivered twice (a worker lost after the work, before the acknowledgement) or a beat that
fires twice changes nothing more: `matching.suggestions_refresh` keeps one suggestion per entry and posting, the
digest is one a day (digest.py), a reminder is claimed on its entry (reminders.py).

Why the digest is not a chord of the batches: a chord needs a result backend, which this project does not run
(CELERY_RESULT_BACKEND is None: the broker is a plain Redis, results are never read), and a chord whose batch is
lost (a flushed queue, a worker killed past its retries) never fires its callback. The beat runs the digest in the
morning instead, hours after the refresh starts; the refresh takes minutes (make bench), and anything a slow night
has not finished by then is announced the next day, never lost and never twice.
"""

from celery import group, shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from postings.models import Posting

from . import match_profiles, matching
from .digest import digest_send
from .models import Suggestion
from .reminders import reminders_send
from .services import entries_expire


def refresh_batch_size() -> int:
    """Postings per batch task: TALENT_POOL_REFRESH_BATCH, 200 unless set."""
    return max(1, int(getattr(settings, "TALENT_POOL_REFRESH_BATCH", 200)))


def refresh_batches(*, now=None) -> list[list[int]]:
    """The ids of the postings the refresh covers, in batches: every open posting, and those that closed since with
    new suggestions still kept (the refresh removes them)."""
    now = now or timezone.now()
    stale = Suggestion.objects.filter(state=Suggestion.State.NEW).values("posting_id")
    ids = list(
        Posting.objects.filter(Q(pk__in=Posting.objects.public(now).values("pk")) | Q(pk__in=stale))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    size = refresh_batch_size()
    return [ids[start : start + size] for start in range(0, len(ids), size)]


@shared_task(ignore_result=True)
def pool_refresh_nightly() -> int:
    """Refresh the suggestions of all open postings, one `pool_refresh_batch` task per batch (beat runs it nightly);
    returns how many batches were sent. First every match profile is rewritten (a few seconds at 100,000
    candidates), so what events did not reach (a skill renamed in the catalogue) is current for the night."""
    match_profiles.refresh()
    batches = refresh_batches()
    if batches:
        group(pool_refresh_batch.si(batch) for batch in batches).apply_async()
    return len(batches)


@shared_task(
    ignore_result=True,
    # A batch of 200 postings takes seconds; the limits only stop one that hangs, well before the broker's
    # visibility timeout (an hour) would hand it to another worker while it still runs.
    soft_time_limit=600,
    time_limit=660,
)
def pool_refresh_batch(posting_pks: list[int]) -> int:
    """Bring the suggestions of these postings up to date; returns how many new suggestions. Idempotent: a second
    run creates none."""
    return sum(matching.suggestions_refresh(posting_pks).values())


@shared_task(ignore_result=True)
def pool_digest_daily() -> int:
    """Email each recruiter the day's new matches (beat runs it in the morning); returns how many emails. A second
    run the same day sends none."""
    digest = digest_send()
    return digest.recipients_count if digest else 0


@shared_task(ignore_result=True, soft_time_limit=600, time_limit=660)
def pool_expire_daily() -> dict:
    """Remind the candidates whose entry expires within 30 days, then expire the entries past retention (their
    resume text erased from the pool); beat runs it nightly. Returns {"reminded": n, "expired": n}."""
    now = timezone.now()
    reminded = reminders_send(now=now)
    expired = entries_expire(now)
    return {"reminded": reminded, "expired": expired}
