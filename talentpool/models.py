"""The talent pool: every candidate's entry, the units that turned them down, suggestions, invitations, views.

A PoolEntry is kept by `services.entry_refresh` in the transaction of each event that changes it (see
`availability.py` for the rule); matching (`matching.py`) reads entries, never the applicants' tables row by row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applicants.models import Application
from postings.models import BusinessUnit, Posting, RoleCategory, SearchDocumentField, Skill

S = Application.Status

# The stages an application may reach before it ends, in order: "highest stage reached" compares them.
STAGES = (S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER)
STAGE_CHOICES = [(stage.value, stage.label) for stage in STAGES]


def stage_rank(stage: str) -> int:
    """0 for no stage, then 1 (submitted) to 5 (offer); a hire counts as an offer reached."""
    if stage == S.HIRED:
        stage = S.OFFER
    return STAGES.index(stage) + 1 if stage in STAGES else 0


class PoolEntry(models.Model):
    """A candidate in the talent pool: whether other units may be suggested them now, and what matching reads."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        UNAVAILABLE = "unavailable", _("Not available")
        LEFT = "left", _("Left the pool")
        EXPIRED = "expired", _("Expired")

    class Unavailable(models.TextChoices):
        """Why an entry is not available (several may hold at once); kept in `unavailable_reasons`."""

        NO_CONSENT = "no_consent", _("No consent to the talent pool")
        NO_RESUME = "no_resume", _("No resume")
        ACTIVE_APPLICATION = "active_application", _("An application under way")
        HIRED = "hired", _("Hired")
        NOT_RESURFACED = "not_resurfaced", _("Turned down with a reason that rules out other units")

    candidate = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="pool_entry", verbose_name=_("candidate")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.UNAVAILABLE)
    # Codes of PoolEntry.Unavailable, empty when available, left or expired.
    unavailable_reasons = models.JSONField(_("why not available"), default=list, blank=True)
    # The consent the entry rests on: the profile's consent text version and time, copied.
    consent_version = models.CharField(_("consent version"), max_length=20, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    available_since = models.DateTimeField(_("available since"), null=True, blank=True)
    # Consent (or its renewal) plus TALENT_POOL_RETENTION_DAYS.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)
    # When the candidate was told the entry expires soon (30 days before), so they may renew.
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    highest_stage_reached = models.CharField(
        _("highest stage reached"), max_length=12, choices=STAGE_CHOICES, blank=True
    )
    # The unit of the application that reached it: "reached interview at another unit".
    highest_stage_unit = models.ForeignKey(
        BusinessUnit, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("reached at")
    )
    # The profile's skills and those the current resume names (in either language), so matching is a join.
    skills = models.ManyToManyField(Skill, blank=True, related_name="pool_entries", verbose_name=_("skills"))
    # The current resume's text while the entry rests on consent; erased when it expires or the candidate leaves.
    resume_text = models.TextField(_("resume text"), blank=True)
    resume_uploaded_at = models.DateTimeField(_("resume uploaded"), null=True, blank=True)
    left_at = models.DateTimeField(_("left the pool"), null=True, blank=True)
    # Information sessions the candidate was checked in at (infosessions.services.check_in, in its transaction).
    sessions_attended = models.PositiveSmallIntegerField(_("information sessions attended"), default=0)
    last_session_attended_at = models.DateTimeField(_("last information session attended"), null=True, blank=True)
    # What the pool's keyword search reads besides the resume text (talentpool/search.py), kept by entry_refresh
    # and erased with the resume text; on PostgreSQL a trigger builds search_document from both.
    search_text = models.TextField(editable=False, blank=True, default="")
    search_document = SearchDocumentField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pool entry")
        verbose_name_plural = _("pool entries")
        indexes = [models.Index(fields=["status", "-available_since"], name="pool_entry_status_since")]

    def __str__(self):
        return str(self.candidate)

    @property
    def is_available(self) -> bool:
        return self.status == self.Status.AVAILABLE

    def unavailable_labels(self) -> list[str]:
        return [str(self.Unavailable(code).label) for code in self.unavailable_reasons if code in self.Unavailable]


class MatchProfile(models.Model):
    """What PostgreSQL's ranking reads of an available entry, in one narrow row (match_profiles.py keeps it).

    Ranking a posting reads every available entry; read from PoolEntry (its resume and search texts) and the
    profile's tables, that scan cost seconds at 100,000 candidates. Here each entry is one row of about a hundred
    bytes, and the sets matching intersects (skills, preferred categories and cities, the skills its major names)
    are bits of 64-bit integers, which PostgreSQL ands and shifts without allocating. A row exists only while its
    entry is available; it is rewritten with the entry."""

    entry = models.OneToOneField(
        PoolEntry, models.CASCADE, primary_key=True, related_name="match_profile", verbose_name=_("pool entry")
    )
    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    expires_at = models.DateTimeField(null=True)
    available_since = models.DateTimeField(null=True)
    resume_uploaded_at = models.DateTimeField(null=True)
    stage = models.CharField(max_length=12, blank=True)
    stage_unit_id = models.BigIntegerField(null=True)
    # Sets of catalogue ids as bits of 64-bit words (match_profiles.py): skills 0-127 in two words, the preferred
    # role categories and cities 0-63 in one.
    skill_bits_0 = models.BigIntegerField(default=0)
    skill_bits_1 = models.BigIntegerField(default=0)
    category_bits = models.BigIntegerField(default=0)
    location_bits = models.BigIntegerField(default=0)
    # The skills whose English or Chinese name (4 characters or more) the major contains.
    major_skill_bits_0 = models.BigIntegerField(default=0)
    major_skill_bits_1 = models.BigIntegerField(default=0)
    # The major names a technical field (matching.TECHNICAL_MAJOR_WORDS).
    technical_major = models.BooleanField(default=False)
    degree_level = models.CharField(max_length=20, blank=True)
    graduation_date = models.DateField(null=True)
    major = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("match profile")
        verbose_name_plural = _("match profiles")

    def __str__(self):
        return str(self.entry_id)


class Turndown(models.Model):
    """A unit turned the candidate down for a role category: matching never suggests them to that unit for that
    category again. One per rejected application; `allows_resurfacing` is the rejection reason's answer."""

    entry = models.ForeignKey(PoolEntry, models.CASCADE, related_name="turndowns", verbose_name=_("pool entry"))
    application = models.OneToOneField(Application, models.CASCADE, related_name="+", verbose_name=_("application"))
    unit = models.ForeignKey(BusinessUnit, models.CASCADE, related_name="+", verbose_name=_("business unit"))
    category = models.ForeignKey(RoleCategory, models.CASCADE, related_name="+", verbose_name=_("role category"))
    allows_resurfacing = models.BooleanField(_("may be suggested to other units"))
    stage_reached = models.CharField(_("stage reached"), max_length=12, choices=STAGE_CHOICES, blank=True)
    turned_down_at = models.DateTimeField(_("turned down"))

    class Meta:
        ordering = ["-turned_down_at"]
        verbose_name = _("turndown")
        verbose_name_plural = _("turndowns")
        indexes = [models.Index(fields=["entry", "unit", "category"], name="turndown_entry_unit_category")]

    def __str__(self):
        return f"{self.entry} — {self.unit} / {self.category}"


class Suggestion(models.Model):
    """An available pool entry suggested for an open posting, with its score and the reasons, as data."""

    class State(models.TextChoices):
        NEW = "new", _("New")
        INVITED = "invited", _("Invited")
        DISMISSED = "dismissed", _("Dismissed")

    entry = models.ForeignKey(PoolEntry, models.CASCADE, related_name="suggestions", verbose_name=_("pool entry"))
    posting = models.ForeignKey(Posting, models.CASCADE, related_name="pool_suggestions", verbose_name=_("posting"))
    score = models.FloatField(_("score"))
    # [{"code": "skills", "shared": ["CUDA", "Go"], "of": 6}, ...]: matching.reasons_in_words renders them.
    reasons = models.JSONField(_("reasons"), default=list)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.NEW)
    # The recruiters' digest that announced it (digest.py): each new suggestion is in one digest at most.
    digest = models.ForeignKey(
        "Digest", models.SET_NULL, null=True, blank=True, related_name="suggestions", verbose_name=_("digest")
    )
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [models.UniqueConstraint(fields=["entry", "posting"], name="suggestion_one_per_entry_posting")]
        indexes = [models.Index(fields=["posting", "state", "-score"], name="suggestion_posting_state_score")]

    def __str__(self):
        return f"{self.entry} → {self.posting}"


class Digest(models.Model):
    """The day's email of new matches to the recruiters (digest.py): one a day, so a second run sends nothing."""

    day = models.DateField(_("day"), unique=True)
    suggestions_count = models.PositiveIntegerField(_("new suggestions"), default=0)
    recipients_count = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("digest of new matches")
        verbose_name_plural = _("digests of new matches")

    def __str__(self):
        return f"{self.day:%Y-%m-%d}"


class Invitation(models.Model):
    """A recruiter invites a pool candidate to apply to a posting; accepting creates the application."""

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    # One invitation per entry and posting may be under way (sent) or have led to an application (accepted).
    ACTIVE = (State.SENT, State.ACCEPTED)

    entry = models.ForeignKey(PoolEntry, models.CASCADE, related_name="invitations", verbose_name=_("pool entry"))
    posting = models.ForeignKey(Posting, models.CASCADE, related_name="pool_invitations", verbose_name=_("posting"))
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("recruiter")
    )
    message = models.TextField(_("message"), blank=True)
    # Why the candidate was suggested, as data (Suggestion.reasons), as told to them when invited: the suggestion's
    # own reasons change with each refresh, and a candidate found by search has none.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.SENT, db_index=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    application = models.ForeignKey(
        Application,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="pool_invitations",
        verbose_name=_("application"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "posting"],
                condition=Q(state__in=["sent", "accepted"]),
                name="invitation_one_active_per_entry_posting",
            ),
        ]

    def __str__(self):
        return f"{self.entry} → {self.posting} ({self.get_state_display()})"


class PoolView(models.Model):
    """A unit's recruiter opened a candidate's pool profile: the log the candidate may read."""

    entry = models.ForeignKey(PoolEntry, models.CASCADE, related_name="views", verbose_name=_("pool entry"))
    unit = models.ForeignKey(BusinessUnit, models.CASCADE, related_name="+", verbose_name=_("business unit"))
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("viewed by")
    )
    viewed_at = models.DateTimeField(_("viewed"), auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        verbose_name = _("pool profile view")
        verbose_name_plural = _("pool profile views")
        indexes = [models.Index(fields=["entry", "-viewed_at"], name="pool_view_entry_viewed")]

    def __str__(self):
        return f"{self.unit} — {self.entry} @ {self.viewed_at:%Y-%m-%d %H:%M}"
