"""Writes about a candidate as a whole: the lock every write about them takes, their profile, their consent."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import POOL_CONSENT_VERSION, CandidateProfile
from ..signals import pool_consent_changed


def lock_candidate(candidate_id: int):
    """Lock the candidate's user row for this transaction and return the fresh user."""
    # Every write about a candidate takes this one lock first, so their writes
    # queue up (the first upload too, when there are no resume rows to lock yet)
    # and the cap, the preference order and "one current resume" never race.
    return get_user_model()._default_manager.select_for_update().get(pk=candidate_id)


def profile_for(user) -> CandidateProfile:
    profile, _created = CandidateProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def pool_consent_give(*, candidate, now=None) -> CandidateProfile:
    profile = profile_for(candidate)
    profile.pool_consent_version = POOL_CONSENT_VERSION
    profile.pool_consent_at = now or timezone.now()
    profile.save(update_fields=["pool_consent_version", "pool_consent_at", "updated_at"])
    pool_consent_changed.send(sender=CandidateProfile, candidate_id=profile.user_id)
    return profile


@transaction.atomic
def pool_consent_withdraw(*, candidate) -> CandidateProfile:
    profile = profile_for(candidate)
    profile.pool_consent_version = ""
    profile.pool_consent_at = None
    profile.save(update_fields=["pool_consent_version", "pool_consent_at", "updated_at"])
    pool_consent_changed.send(sender=CandidateProfile, candidate_id=profile.user_id)
    return profile
