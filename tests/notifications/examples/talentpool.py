"""talentpool: the invitation (talentpool/invitations.py), the expiry reminder (talentpool/reminders.py) and the
recruiters' daily digest (talentpool/digest.py)."""

import datetime as dt

from django.utils import timezone

from talentpool.digest import Match, PostingMatches
from talentpool.models import Invitation

from . import posting, unit


def _invitation():
    shown = posting()
    return {
        "invitation": Invitation(pk=5, posting=shown, message="欢迎投递！"),
        "posting": shown,
        "unit": shown.unit,
        "candidate_name": "李梅",
        "message": "欢迎投递！",
        "reasons": "偏好 AI Agent优化工程师；2 项技能相符：Python",
        "posting_url": "https://careers.example.com/zh-hans/jobs/42/",
    }


def _digest():
    shown = posting()
    return {
        "recipient_name": "王芳",
        "total": 3,
        "postings": [
            PostingMatches(
                posting=shown,
                count=3,
                top=[Match(name="陈静", reasons="偏好 AI Agent优化工程师；杭州")],
                url="https://careers.example.com/recruit/pool/postings/42/",
            )
        ],
        "more_postings": 2,
        "units": str(unit().name),
        "day": timezone.localdate(),
    }


EXAMPLES = {
    "pool_invitation": _invitation,
    "pool_expiry_reminder": lambda: {
        "candidate_name": "李梅",
        "expires_on": timezone.localdate() + dt.timedelta(days=30),
    },
    "pool_digest": _digest,
}
