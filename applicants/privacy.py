"""A candidate's personal data: everything we hold, as JSON; and erasure."""

from django.db import transaction
from django.utils import timezone

from recruit.notifications.models import Notification
from recruit.notifications.preferences import preferences_of
from recruit.notifications.services import notify

from .models import Application, CandidateProfile
from .workflow import CANDIDATE_WORDS


def _iso(value):
    return value.isoformat() if value else None


def candidate_export(*, user) -> dict:
    """Everything the portal holds about `user`, in their words (no recruiters' internal notes)."""
    profile = (
        CandidateProfile.objects.filter(user=user)
        .prefetch_related("skills", "preferred_categories", "preferred_locations")
        .first()
    )
    applications = (
        Application.objects.visible_to(user)
        .filter(candidate=user)
        .select_related("posting__unit", "posting__program")
        .prefetch_related("stage_changes")
        .order_by("created_at")
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {"email": user.email, "name": user.name, "joined": _iso(user.date_joined)},
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.all()
        ],
        "profile": profile
        and {
            "phone": profile.phone,
            "school": profile.school,
            "degree_level": profile.degree_level,
            "major": profile.major,
            "graduation_date": _iso(profile.graduation_date),
            "skills": [skill.name for skill in profile.skills.all()],
            "preferred_categories": [category.name for category in profile.preferred_categories.all()],
            "preferred_locations": [location.name for location in profile.preferred_locations.all()],
            "languages": profile.languages,
            "links": profile.links.splitlines(),
            "open_to_reassignment": profile.open_to_reassignment,
            "talent_pool_consent": {"version": profile.pool_consent_version, "given": _iso(profile.pool_consent_at)},
        },
        "resumes": [
            {
                "file_name": resume.original_name,
                "uploaded": _iso(resume.uploaded_at),
                "current": resume.is_current,
                "pages": resume.page_count,
                "bytes": resume.size,
                "sha256": resume.checksum,
                "extracted_text": resume.text,
            }
            for resume in user.resumes.all()
        ],
        "applications": [
            {
                "posting": application.posting.title,
                "unit": application.posting.unit.name,
                "program": application.posting.program.name,
                "preference": application.rank,
                "status": application.status,
                "source": application.source,
                "applied": _iso(application.created_at),
                "cross_border_consent": _iso(application.cross_border_consent_at),
                "history": [
                    {
                        "when": _iso(change.created_at),
                        "stage": change.to_status,
                        "meaning": str(CANDIDATE_WORDS[change.to_status]),
                    }
                    for change in application.stage_changes.all()
                ],
            }
            for application in applications
        ],
        "notifications": [
            {"when": _iso(n.created_at), "subject": n.subject, "read": _iso(n.read_at)}
            for n in Notification.objects.visible_to(user)
        ],
        # The emails they turned off or on (recruit/notifications/kinds.py topics); a topic not listed is on.
        "notification_settings": preferences_of(user),
    }


@transaction.atomic
def candidate_delete(*, user) -> None:
    """Erase the account: profile, resumes (files after commit), notifications; applications
    stay, anonymised, so units keep their counts. A confirmation goes to the address."""
    files = [resume.file for resume in user.resumes.all()]
    Application.objects.filter(candidate=user).update(candidate=None, resume=None)
    Notification.objects.filter(recipient=user).delete()
    email, name = user.email, user.name
    notify(
        recipient=None,
        email=email,
        event="account_deleted",
        key=f"account-deleted-{user.pk}-{timezone.now().timestamp()}",
        context={"candidate_name": name or email},
    )
    user.delete()

    def remove_files():
        for stored in files:
            stored.storage.delete(stored.name)

    transaction.on_commit(remove_files)
