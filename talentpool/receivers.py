"""The pool's entries kept current by the applicants' events, in the event's transaction (applicants/signals.py).

The services that send these hold the candidate's lock; each receiver refreshes the one entry concerned.
The profile (its school, major and degree, its skills and preferences) is changed by the profile form, not by a
service: Django's post_save and m2m_changed carry those, so the pool's search text and matching read the profile as
it is now.
"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from applicants import signals
from applicants.models import CandidateProfile

from .services import entry_refresh


@receiver(signals.application_submitted, dispatch_uid="talentpool_application_submitted")
def _application_submitted(sender, application, **kwargs):
    entry_refresh(application.candidate_id)


@receiver(signals.application_moved, dispatch_uid="talentpool_application_moved")
def _application_moved(sender, application, **kwargs):
    # An application of a deleted account has no candidate left to refresh.
    if application.candidate_id:
        entry_refresh(application.candidate_id)


@receiver(signals.resume_changed, dispatch_uid="talentpool_resume_changed")
@receiver(signals.pool_consent_changed, dispatch_uid="talentpool_pool_consent_changed")
def _candidate_changed(sender, candidate_id, **kwargs):
    entry_refresh(candidate_id)


@receiver(post_save, sender=CandidateProfile, dispatch_uid="talentpool_profile_saved")
def _profile_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # not while loading fixtures
        entry_refresh(instance.user_id)


@receiver(m2m_changed, sender=CandidateProfile.skills.through, dispatch_uid="talentpool_profile_skills")
@receiver(
    m2m_changed, sender=CandidateProfile.preferred_categories.through, dispatch_uid="talentpool_profile_categories"
)
@receiver(
    m2m_changed, sender=CandidateProfile.preferred_locations.through, dispatch_uid="talentpool_profile_locations"
)
def _profile_skills_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        entry_refresh(instance.user_id)
    elif pk_set:
        # A skill's candidates changed (rare: the admin): refresh each of them.
        for user_id in CandidateProfile.objects.filter(pk__in=pk_set).values_list("user_id", flat=True):
            entry_refresh(user_id)
