"""Writes of the applicants app, as services named `<entity>_<action>`, keyword-only.

Every write about one candidate (applications and resumes) first locks that
candidate's user row (`candidates.lock_candidate`), so the cap, the
preference order and "one current resume" hold under concurrent requests.
Callers import from here; the modules say what each part writes.
"""

from .applications import (
    ApplicationRefused,
    BulkMoveResult,
    PreferenceNotMoved,
    application_move,
    application_shift_preference,
    application_submit,
    application_withdraw,
    applications_move,
)
from .candidates import pool_consent_give, pool_consent_withdraw, profile_for
from .interviews import Slot, interview_cancel, interview_schedule, interview_update, interviews_cancel_upcoming
from .resumes import MAX_RESUME_VERSIONS, resume_delete, resume_extract_text, resume_make_current, resume_upload
from .reviews import application_reject, review_submit

__all__ = [
    "MAX_RESUME_VERSIONS",
    "ApplicationRefused",
    "BulkMoveResult",
    "PreferenceNotMoved",
    "Slot",
    "application_move",
    "application_reject",
    "application_shift_preference",
    "application_submit",
    "application_withdraw",
    "applications_move",
    "interview_cancel",
    "interview_schedule",
    "interview_update",
    "interviews_cancel_upcoming",
    "pool_consent_give",
    "pool_consent_withdraw",
    "profile_for",
    "resume_delete",
    "resume_extract_text",
    "resume_make_current",
    "resume_upload",
    "review_submit",
]
