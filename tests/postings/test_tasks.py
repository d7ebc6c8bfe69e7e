import datetime as dt

import pytest
from django.utils import timezone

from postings.models import Posting
from postings.tasks import close_expired_postings
from recruit.celery import app
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db


def test_beat_runs_the_close_expired_postings_job():
    entry = app.conf.beat_schedule["close-expired-postings"]
    assert entry["task"] == close_expired_postings.name


def test_close_expired_postings_task_closes_postings_past_their_date():
    posting = PostingFactory()
    Posting.objects.filter(pk=posting.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=5))
    assert close_expired_postings.delay().get() == 1
    posting.refresh_from_db()
    assert posting.status == Posting.Status.CLOSED
