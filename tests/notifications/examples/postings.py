"""postings: the postings workflow's emails (postings/publishing.py `_notify`)."""

import datetime as dt

from django.utils import timezone

from postings.models import PostingStatusChange

from . import posting


def _change(to_status, *, scheduled=False, comment=""):
    def context():
        now = timezone.now().replace(microsecond=0)
        shown = posting(
            status="published" if to_status == "published" else to_status,
            published_at=now + dt.timedelta(days=2) if scheduled else now,
            closes_at=now + dt.timedelta(days=30),
        )
        change = PostingStatusChange(posting=shown, from_status="submitted", to_status=to_status, comment=comment)
        change.created_at = now
        return {
            "posting": shown,
            "change": change,
            "actor_name": "赵敏",
            "recipient_name": "王芳",
            "scheduled": scheduled,
        }

    return context


EXAMPLES = {
    "posting_submitted": _change("submitted", comment="可以发布了。"),
    "posting_approved": _change("published", scheduled=True),
    "posting_returned": _change("draft", comment="请补充岗位要求。"),
    "posting_closed": _change("closed"),
}
