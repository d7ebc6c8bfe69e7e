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
from .resumes import MAX_RESUME_VERSIONS, resume_delete, resume_extract_text, resume_make_current, resume_upload

__all__ = [
    "MAX_RESUME_VERSIONS",
    "ApplicationRefused",
    "BulkMoveResult",
    "PreferenceNotMoved",
    "application_move",
    "application_shift_preference",
    "application_submit",
    "application_withdraw",
    "applications_move",
    "pool_consent_give",
    "pool_consent_withdraw",
    "profile_for",
    "resume_delete",
    "resume_extract_text",
    "resume_make_current",
    "resume_upload",
]
