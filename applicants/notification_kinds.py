"""The candidate's notifications: every one is essential.

A candidate must learn of each move of their application (received, released to its unit, every stage, the
decision), of every interview and of their account's deletion: none of them can be switched off.
"""

from django.utils.translation import gettext_lazy as _

from recruit.accounts.notification_kinds import ACCOUNT
from recruit.notifications.kinds import Kind

APPLICATIONS = _("Your applications: that they arrived, every change of stage and every decision")
INTERVIEWS = _("Interviews: each one scheduled, changed or cancelled (for candidates and interviewers)")

TOPICS = []
KINDS = [
    *(
        Kind(event, label=APPLICATIONS)
        for event in (
            "application_received",
            "application_released",
            "application_screening",
            "application_assessment",
            "application_interview",
            "application_offer",
            "application_hired",
            "application_rejected",
            "application_withdrawn",
            "application_declined",
        )
    ),
    *(Kind(event, label=INTERVIEWS) for event in ("interview_scheduled", "interview_updated", "interview_cancelled")),
    # The confirmation that the account is gone (applicants/privacy.py): to the address, the account no longer exists.
    Kind("account_deleted", label=ACCOUNT),
]
