"""Who sees which resumes and applications (the app's access scopes), and the reads the rules need."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from postings.access import reviewing_units

# Queued applications wait for an earlier preference; their unit does not see them.
HIDDEN_FROM_UNIT = {"queued"}


class ResumeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A candidate's own resumes; for a recruiter, only the version sent with an application
        their unit sees (released, not queued), never the candidate's other versions."""
        if not user.is_authenticated:
            return self.none()
        from .models import Application

        sent_to_my_unit = Application.objects.filter(
            resume=OuterRef("pk"), posting__unit__in=reviewing_units(user)
        ).exclude(status__in=HIDDEN_FROM_UNIT)
        return self.filter(Q(candidate=user) | Q(Exists(sent_to_my_unit)))

    def deletable(self):
        """Resumes not sent with an application under way: the unit reviewing one reads the resume it received."""
        from .models import Application

        in_use = Application.objects.filter(resume=OuterRef("pk"), status__in=Application.ACTIVE)
        return self.exclude(Exists(in_use))


class ApplicationQuerySet(models.QuerySet):
    def active(self):
        from .models import Application

        return self.filter(status__in=Application.ACTIVE)

    def visible_to(self, user):
        """A candidate's own applications, and those a recruiter reviews: to their units' postings, once released."""
        if not user.is_authenticated:
            return self.none()
        to_my_units = Q(posting__unit__in=reviewing_units(user)) & ~Q(status__in=HIDDEN_FROM_UNIT)
        return self.filter(Q(candidate=user) | to_my_units)

    def reviewed_by(self, user):
        """The applications `user` reviews as a unit's recruiter or an admin (never their own as a candidate)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(posting__unit__in=reviewing_units(user)).exclude(status__in=HIDDEN_FROM_UNIT)


def candidacy_of(user):
    """What `eligibility.may_apply` needs to know about a signed-in `user`, in four queries."""
    # Imported here: models import this module, and eligibility imports models.
    from .eligibility import Candidacy
    from .models import Application, CandidateProfile

    profile = CandidateProfile.objects.select_related("user").filter(user=user).first()
    return Candidacy(
        email_verified=user.emailaddress_set.filter(email__iexact=user.email, verified=True).exists(),
        profile=profile or CandidateProfile(user=user),
        has_resume=user.resumes.filter(is_current=True).exists(),
        applications=list(
            Application.objects.filter(candidate=user)
            .select_related("posting")
            .only("status", "rank", "posting_id", "posting__program_id")
        ),
    )
