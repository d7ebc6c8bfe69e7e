"""Candidates' side of the portal: profile, resumes, applications and their history."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from postings.models import DegreeLevel, Location, Posting, RoleCategory, Skill

from .queries import ApplicationQuerySet, ResumeQuerySet

# The talent-pool consent text shown to candidates; bump the version whenever
# the text changes, so the consent recorded says which text was agreed to.
POOL_CONSENT_VERSION = "2026-11"
CROSS_BORDER_CONSENT_VERSION = "2026-11"


class CandidateProfile(models.Model):
    """What a candidate tells us about themselves; one per user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="candidate_profile", verbose_name=_("user")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    school = models.CharField(_("school or university"), max_length=200, blank=True)
    degree_level = models.CharField(_("degree level"), max_length=20, choices=DegreeLevel, blank=True)
    major = models.CharField(_("major"), max_length=200, blank=True)
    graduation_date = models.DateField(
        _("expected graduation date"), null=True, blank=True, help_text=_("When you complete your studies.")
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="candidates", verbose_name=_("skills"))
    preferred_categories = models.ManyToManyField(
        RoleCategory, blank=True, related_name="interested_candidates", verbose_name=_("preferred role categories")
    )
    preferred_locations = models.ManyToManyField(
        Location, blank=True, related_name="interested_candidates", verbose_name=_("preferred locations")
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One address per line: portfolio, GitHub, papers."))
    open_to_reassignment = models.BooleanField(
        _("open to other units or cities"),
        default=False,
        help_text=_("Recruiters of other units may consider you for similar roles."),
    )
    pool_consent_version = models.CharField(_("talent-pool consent version"), max_length=20, blank=True)
    pool_consent_at = models.DateTimeField(_("talent-pool consent given"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidate profile")
        verbose_name_plural = _("candidate profiles")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("applicants:profile")

    @property
    def has_pool_consent(self) -> bool:
        return bool(self.pool_consent_at)

    def missing_fields(self) -> list[str]:
        """Labels of what is still needed before applying (name lives on the user)."""
        missing = []
        if not self.user.name.strip():
            missing.append(str(_("your name")))
        for field in ("school", "degree_level", "major", "graduation_date"):
            if not getattr(self, field):
                missing.append(str(self._meta.get_field(field).verbose_name))
        return missing


def resume_path(resume, filename):
    # The stored name is generated, never the uploaded one.
    return f"resumes/{uuid.uuid4().hex}.pdf"


class Resume(models.Model):
    """A PDF resume, stored privately; a candidate may keep several versions, one current."""

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("Reading")
        DONE = "done", _("Read")
        FAILED = "failed", _("Could not be read")

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="resumes", verbose_name=_("candidate")
    )
    file = models.FileField(_("file"), upload_to=resume_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    page_count = models.PositiveSmallIntegerField(_("pages"))
    text = models.TextField(_("extracted text"), blank=True)
    text_status = models.CharField(max_length=10, choices=TextStatus, default=TextStatus.PENDING)
    is_current = models.BooleanField(_("current"), default=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ResumeQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("resume")
        verbose_name_plural = _("resumes")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"], condition=Q(is_current=True), name="resume_one_current_per_candidate"
            ),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("applicants:resume_download", args=[self.pk])


class Application(models.Model):
    """A candidate's application to a posting, with its preference rank and stage."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for your earlier preference")
        SUBMITTED = "submitted", _("Submitted")
        SCREENING = "screening", _("Screening")
        ASSESSMENT = "assessment", _("Assessment")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DECLINED = "declined", _("Offer declined")

    class Source(models.TextChoices):
        DIRECT = "direct", _("Applied directly")
        TALENT_POOL = "talent_pool", _("Invited from the talent pool")

    TERMINAL = frozenset({Status.HIRED, Status.REJECTED, Status.WITHDRAWN, Status.DECLINED})
    ACTIVE = frozenset(set(Status) - TERMINAL)

    # Null once the candidate deleted their account: the unit keeps its counts.
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("candidate"),
    )
    posting = models.ForeignKey(Posting, models.PROTECT, related_name="applications", verbose_name=_("posting"))
    rank = models.PositiveSmallIntegerField(_("preference"), help_text=_("1 is the first choice."))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SUBMITTED, db_index=True)
    source = models.CharField(_("source"), max_length=12, choices=Source, default=Source.DIRECT)
    resume = models.ForeignKey(
        Resume, models.SET_NULL, null=True, blank=True, related_name="applications", verbose_name=_("resume")
    )
    cross_border_consent_version = models.CharField(max_length=20, blank=True)
    cross_border_consent_at = models.DateTimeField(_("cross-border transfer consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("released to the unit"), null=True, blank=True)
    # When it reached its current stage: "days in stage" on cards, lists and the dashboard.
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now, db_index=True)
    # Why the unit turned it down (internal: never shown to the candidate); says whether the talent pool may
    # suggest the candidate to other units.
    rejection_reason = models.ForeignKey(
        "RejectionReason",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("rejection reason"),
    )
    # The mean of its reviews' scores (1 to 4), kept by reviews.review_submit; internal.
    average_score = models.FloatField(_("average score"), null=True, blank=True)
    review_count = models.PositiveSmallIntegerField(_("reviews"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["rank", "-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "posting"], name="application_one_per_candidate_posting"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="application_rank_positive"),
        ]
        indexes = [models.Index(fields=["posting", "status"], name="application_posting_status")]

    def __str__(self):
        return f"{self.candidate or _('deleted candidate')} → {self.posting}"

    def get_absolute_url(self):
        return reverse("applicants:application_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    # Blind first screening: what reviewers may not see until the application passes screening.
    BLIND_STAGES = frozenset({Status.SUBMITTED, Status.SCREENING})

    @property
    def is_blind(self) -> bool:
        """Reviewers see neither name, photo, school nor links: the posting screens blind and the application
        has not passed screening yet. Needs `posting` (loaded with the application to avoid a query)."""
        return self.posting.blind_screening and self.status in self.BLIND_STAGES

    def days_in_stage(self, now=None) -> int:
        return ((now or timezone.now()) - self.stage_entered_at).days


class StageChange(models.Model):
    """One move of an application: who, when, from, to, and why."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="stage_changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    from_status = models.CharField(max_length=12, choices=Application.Status, blank=True)
    to_status = models.CharField(max_length=12, choices=Application.Status)
    # Internal: recruiters' words, never shown to the candidate.
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"


class RejectionReason(models.Model):
    """Why a unit turns an application down, from a list admins keep; internal, never told to the candidate.

    `allows_resurfacing` says whether the talent pool may suggest the candidate to other units afterwards
    (a skills gap for this role: yes; a failed background check: no).
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("reason"), max_length=160)
    allows_resurfacing = models.BooleanField(
        _("may be suggested to other units"),
        default=True,
        help_text=_("The talent pool may suggest the candidate to other units after this rejection."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("offered"), default=True, help_text=_("Offered when rejecting."))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")

    def __str__(self):
        return self.name


class Review(models.Model):
    """One reviewer's scorecard for an application: each competency scored 1 to 4, a recommendation, notes.

    Internal to the unit: never shown to the candidate, nor to another reviewer before they submit their own.
    """

    class Recommendation(models.TextChoices):
        STRONG_NO = "strong_no", _("Strong no")
        NO = "no", _("No")
        YES = "yes", _("Yes")
        STRONG_YES = "strong_yes", _("Strong yes")

    application = models.ForeignKey(Application, models.CASCADE, related_name="reviews", verbose_name=_("application"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="reviews", verbose_name=_("reviewer")
    )
    # {competency key: score 1..4}; the keys are the scorecard's (applicants.reviews.scorecard_for).
    scores = models.JSONField(_("scores"), default=dict)
    score = models.FloatField(_("average score"))
    recommendation = models.CharField(_("recommendation"), max_length=12, choices=Recommendation)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_one_per_reviewer"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=4), name="review_score_1_to_4"),
        ]

    def __str__(self):
        return f"{self.reviewer} — {self.application}"


class Interview(models.Model):
    """An interview scheduled on an application; its calendar invitation keeps one UID, and SEQUENCE counts
    its updates (RFC 5545), so calendars replace the earlier version."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="interviews", verbose_name=_("application")
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField(_("starts"))
    # The zone the interview is set in (an IANA name); shown with the candidate's own.
    time_zone = models.CharField(_("time zone"), max_length=64)
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=45)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="interviews_given", verbose_name=_("interviewers")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        indexes = [models.Index(fields=["starts_at"], name="interview_starts_at")]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gte=5), name="interview_duration_positive"),
        ]

    def __str__(self):
        return f"{self.application} @ {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        import datetime as dt

        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)


class PipelineVersion(models.Model):
    """A token per business unit that changes whenever something its workspace pages show changes (see
    applicants/pipeline_version.py)."""

    unit_id = models.BigIntegerField(primary_key=True)
    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("pipeline version")
        verbose_name_plural = _("pipeline versions")

    def __str__(self):
        return f"{self.unit_id}: {self.token}"
