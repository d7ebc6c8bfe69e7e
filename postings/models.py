"""The catalogue: programs, units, locations, role categories, skills, postings.

Postings are what candidates apply to; everything else describes them.
"""

import datetime as dt
import html
from collections.abc import Sequence

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from recruit.accounts import timezones

from . import segmentation
from .queries import PostingQuerySet, ProgramQuerySet


class DegreeLevel(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor's")
    MASTER = "master", _("Master's")
    DOCTORATE = "doctorate", _("Doctorate")


class Program(models.Model):
    """A recruiting season with its own eligibility window and rules."""

    class Track(models.TextChoices):
        INTERNSHIP = "internship", _("Internship")
        GRADUATE = "graduate", _("Graduate")
        RESEARCH = "research", _("Research talent (Star)")

    class Review(models.TextChoices):
        ORDERED = "ordered", _("Preferences reviewed in order")
        PARALLEL = "parallel", _("Preferences reviewed in parallel")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    track = models.CharField(_("track"), max_length=20, choices=Track, default=Track.INTERNSHIP)
    summary = models.TextField(_("summary"), blank=True)
    graduation_start = models.DateField(
        _("graduation window start"), help_text=_("First graduation date accepted (included).")
    )
    graduation_end = models.DateField(
        _("graduation window end"), help_text=_("Last graduation date accepted (included).")
    )
    applications_open = models.DateTimeField(_("applications open"))
    applications_close = models.DateTimeField(_("applications close"))
    max_active_applications = models.PositiveSmallIntegerField(_("active applications per candidate"), default=2)
    review = models.CharField(_("review of preferences"), max_length=10, choices=Review, default=Review.ORDERED)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-applications_open"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(graduation_end__gte=models.F("graduation_start")),
                name="program_graduation_window_ordered",
                violation_error_message=_("The graduation window must end on or after its start."),
            ),
            models.CheckConstraint(
                condition=Q(applications_close__gt=models.F("applications_open")),
                name="program_application_period_ordered",
                violation_error_message=_("Applications must close after they open."),
            ),
            models.CheckConstraint(
                condition=Q(max_active_applications__gte=1),
                name="program_cap_positive",
                violation_error_message=_("A candidate must be allowed at least one active application."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("postings:board") + f"?program={self.slug}"

    @property
    def is_research(self) -> bool:
        """The research-talent track (the Star program): its own application form, areas and committees."""
        return self.track == self.Track.RESEARCH


class BusinessUnit(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demo; not an announced unit.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("business unit")
        verbose_name_plural = _("business units")

    def __str__(self):
        return self.name


class Location(models.Model):
    name = models.CharField(_("city"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = models.CharField(_("country or region"), max_length=80)
    country_code = models.CharField(_("ISO country code"), max_length=2)
    in_mainland_china = models.BooleanField(
        _("in mainland China"),
        default=True,
        help_text=_("Applying to a role outside mainland China needs consent to a cross-border data transfer."),
    )

    class Meta:
        ordering = ["-in_mainland_china", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name


class RoleCategory(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    is_ai = models.BooleanField(_("AI role"), default=False)

    class Meta:
        ordering = ["-is_ai", "name"]
        verbose_name = _("role category")
        verbose_name_plural = _("role categories")

    def __str__(self):
        return self.name


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.name


class SearchDocumentField(SearchVectorField):
    """The posting's full-text vector: a tsvector on PostgreSQL, kept by a
    trigger (migration 0002) from search_text; an unused text column elsewhere."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


def search_text_for(
    *,
    title: str,
    unit: str,
    category: str,
    skills: list[str],
    locations: list[str],
    description: str,
    requirements: str,
    title_zh_hans: str = "",
    unit_zh_hans: str = "",
    category_zh_hans: str = "",
    skills_zh_hans: Sequence[str] = (),
    locations_zh_hans: Sequence[str] = (),
    description_zh_hans: str = "",
    requirements_zh_hans: str = "",
) -> str:
    """The text the board searches for a posting, in both languages (the plain arguments are the English text).

    Each part in English, then in Chinese when that differs: title, unit,
    category, skills, cities, description, requirements (names sorted, so
    every database gives the same text). A last line holds the words of the
    Chinese text, segmented (postings.segmentation.index_words), which
    PostgreSQL's full-text vector cannot find in unspaced Chinese; the text
    above it stays as written, for substring search.
    """
    pairs = [
        (title, title_zh_hans),
        (unit, unit_zh_hans),
        (category, category_zh_hans),
        (" ".join(sorted(skills)), " ".join(sorted(skills_zh_hans))),
        (" ".join(sorted(locations)), " ".join(sorted(locations_zh_hans))),
        (description, description_zh_hans),
        (requirements, requirements_zh_hans),
    ]
    parts = [text for english, chinese in pairs for text in (english, chinese if chinese != english else "") if text]
    text = "\n".join(parts)
    words = segmentation.index_words("\n".join(part for part in parts if segmentation.has_chinese(part)))
    return f"{text}\n{words}" if words else text


def plain_text(text: str) -> str:
    """Text without its formatting tags and entities (the safe subset a description may carry)."""
    if "<" not in text and "&" not in text:
        return text
    return html.unescape(strip_tags(text))


def posting_search_text(posting) -> str:
    """search_text_for() of a posting, from its English and Chinese columns (not the current language's text).

    Reads only stored fields and relations, so migrations can pass their
    historical Posting rows (prefetch `skills` and `locations`, select
    `unit` and `category` for many).
    """

    def both(obj, field: str) -> tuple[str, str]:
        return getattr(obj, f"{field}_en") or "", getattr(obj, f"{field}_zh_hans") or ""

    title, title_zh = both(posting, "title")
    unit, unit_zh = both(posting.unit, "name")
    category, category_zh = both(posting.category, "name")
    # Formatted text (postings/sanitize.py) is searched by its words, not its tags.
    description, description_zh = map(plain_text, both(posting, "description"))
    requirements, requirements_zh = map(plain_text, both(posting, "requirements"))
    skills = [both(skill, "name") for skill in posting.skills.all()]
    locations = [both(location, "name") for location in posting.locations.all()]
    return search_text_for(
        title=title,
        unit=unit,
        category=category,
        skills=[english for english, _ in skills if english],
        locations=[english for english, _ in locations if english],
        description=description,
        requirements=requirements,
        title_zh_hans=title_zh,
        unit_zh_hans=unit_zh,
        category_zh_hans=category_zh,
        skills_zh_hans=[chinese for english, chinese in skills if chinese and chinese != english],
        locations_zh_hans=[chinese for english, chinese in locations if chinese and chinese != english],
        description_zh_hans=description_zh,
        requirements_zh_hans=requirements_zh,
    )


# What the research track takes: PhD students, and master's students where a posting says so.
RESEARCH_DEGREE_LEVELS = (DegreeLevel.MASTER, DegreeLevel.DOCTORATE)


def all_degree_levels():
    return list(DegreeLevel.values)


class Posting(models.Model):
    """A role a unit recruits for in a program."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for approval")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    # Written by the unit; not yet approved by an admin, so never public.
    UNPUBLISHED = frozenset({Status.DRAFT, Status.SUBMITTED})

    program = models.ForeignKey(Program, models.PROTECT, related_name="postings", verbose_name=_("program"))
    unit = models.ForeignKey(BusinessUnit, models.PROTECT, related_name="postings", verbose_name=_("business unit"))
    category = models.ForeignKey(
        RoleCategory, models.PROTECT, related_name="postings", verbose_name=_("role category")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    requirements = models.TextField(_("requirements"))
    skills = models.ManyToManyField(Skill, blank=True, related_name="postings", verbose_name=_("skills"))
    locations = models.ManyToManyField(Location, related_name="postings", verbose_name=_("locations"))
    headcount = models.PositiveSmallIntegerField(_("headcount"), default=1)
    degree_levels = models.JSONField(
        _("accepted degree levels"),
        default=all_degree_levels,
        help_text=_("Degree levels a candidate may hold or be completing."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closes_at = models.DateTimeField(
        _("closing date"), null=True, blank=True, help_text=_("Empty: open until the program closes.")
    )
    blind_screening = models.BooleanField(
        _("blind first screening"),
        default=False,
        help_text=_("Name, photo, school and links stay hidden from reviewers until an application passes screening."),
    )
    # Title, description, requirements, skills, cities, unit and category in
    # one column, in English and Chinese (search_text_for), kept by
    # update_search_text(): the board's full-text and trigram indexes
    # (PostgreSQL) are built on it.
    search_text = models.TextField(editable=False, default="")
    search_document = SearchDocumentField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        permissions = [("publish_posting", _("Can publish and close postings"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="posting_status_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1),
                name="posting_headcount_positive",
                violation_error_message=_("Headcount must be at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(closes_at__gt=models.F("published_at")),
                name="posting_closes_after_publishing",
                violation_error_message=_("The closing date must come after the publishing date."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]) | Q(published_at__isnull=False),
                name="posting_published_has_date",
                violation_error_message=_("A published or closed posting needs a publishing date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("postings:detail", args=[self.pk])

    def clean(self):
        levels = self.degree_levels
        if not isinstance(levels, list) or not levels or not set(levels) <= set(DegreeLevel.values):
            raise ValidationError({"degree_levels": _("Choose at least one of the degree levels offered.")})

    @property
    def is_ai(self) -> bool:
        return self.category.is_ai

    @property
    def crosses_border(self) -> bool:
        """Applying sends data outside mainland China (Singapore, Frankfurt, Sunnyvale): a separate consent is asked.

        The one place that says which roles need it; prefetch `locations` to ask it of many postings.
        """
        return any(not location.in_mainland_china for location in self.locations.all())

    def degree_level_labels(self) -> list[str]:
        return [DegreeLevel(level).label for level in DegreeLevel.values if level in self.degree_levels]

    def accepted_degree_levels(self) -> list[str]:
        """The degree levels a candidate may apply with: the posting's, and on the research track (Star) only
        PhD students, or master's students where the posting accepts them. Needs `program` (loaded)."""
        levels = [level for level in DegreeLevel.values if level in self.degree_levels]
        if self.program.is_research:
            levels = [level for level in levels if level in RESEARCH_DEGREE_LEVELS]
        return levels

    def deadline(self):
        """When applications to this posting end: its own closing date or the program's."""
        if self.closes_at and self.closes_at < self.program.applications_close:
            return self.closes_at
        return self.program.applications_close

    def is_accepting(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at <= now
            and self.program.applications_open <= now
            and now <= self.deadline()
        )

    def update_search_text(self) -> None:
        """Refresh the denormalised search column after the posting or its skills change."""
        Posting.objects.filter(pk=self.pk).update(search_text=self.build_search_text())

    def build_search_text(self) -> str:
        """The search text in both languages, whichever language is active (posting_search_text)."""
        return posting_search_text(self)


class UnitMembership(models.Model):
    """A user's role in a business unit: recruiters review, leads also manage drafts."""

    class Role(models.TextChoices):
        RECRUITER = "recruiter", _("Recruiter")
        HIRING_MANAGER = "hiring_manager", _("Hiring manager")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="unit_memberships", verbose_name=_("user")
    )
    unit = models.ForeignKey(BusinessUnit, models.CASCADE, related_name="memberships", verbose_name=_("business unit"))
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.RECRUITER)
    created_at = models.DateTimeField(auto_now_add=True)
    # The workspace's "new since your last visit": the visit before the current one (see visit_recorded).
    last_visit_at = models.DateTimeField(null=True, blank=True, editable=False)
    previous_visit_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The roles that read and move a unit's applications (applicants.queries); viewers only look.
    REVIEW_ROLES = (Role.RECRUITER, Role.HIRING_MANAGER)

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="membership_unique_user_unit")]

    def __str__(self):
        return f"{self.user} — {self.unit} ({self.get_role_display()})"


class PostingStatusChange(models.Model):
    """One change of a posting's status: who, when, from, to, and their comment (an approval's or a return's)."""

    posting = models.ForeignKey(Posting, models.CASCADE, related_name="status_changes", verbose_name=_("posting"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    from_status = models.CharField(_("from"), max_length=10, choices=Posting.Status, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=Posting.Status)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("posting status change")
        verbose_name_plural = _("posting status changes")

    def __str__(self):
        return f"{self.posting}: {self.from_status or '—'} → {self.to_status}"


class Competency(models.Model):
    """A line of a posting's scorecard, scored 1 to 4 by each reviewer; a posting without any uses the
    default scorecard (applicants.reviews.DEFAULT_COMPETENCIES)."""

    posting = models.ForeignKey(Posting, models.CASCADE, related_name="competencies", verbose_name=_("posting"))
    name = models.CharField(_("competency"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("scorecard competency")
        verbose_name_plural = _("scorecard competencies")

    def __str__(self):
        return self.name


class InfoSession(models.Model):
    """A campus information session (a talk at a university, or online), which people register for."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    program = models.ForeignKey(Program, models.CASCADE, related_name="info_sessions", verbose_name=_("program"))
    university = models.CharField(_("university"), max_length=200)
    city = models.CharField(_("city"), max_length=80)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=timezones.MAX_LENGTH,
        default=timezones.default_time_zone,
        validators=[timezones.validate_time_zone],
        help_text=_("The zone of the session's place, e.g. Europe/Berlin for Munich: its times are shown in it."),
    )
    units = models.ManyToManyField(BusinessUnit, blank=True, related_name="info_sessions", verbose_name=_("units"))
    summary = models.TextField(_("summary"), blank=True)
    # Seats: registrations beyond it wait on the waitlist (infosessions/services.py).
    capacity = models.PositiveIntegerField(
        _("capacity"), default=200, help_text=_("How many people may register; the others join the waitlist.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where the session is streamed, if it is (https://…).")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SCHEDULED)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("information session")
        verbose_name_plural = _("information sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="info_session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="info_session_capacity_positive",
                violation_error_message=_("A session needs at least one seat."),
            ),
        ]

    def __str__(self):
        return f"{self.university}, {self.starts_at:%Y-%m-%d}"

    @property
    def duration(self) -> dt.timedelta:
        """How long the session lasts (its end minus its start)."""
        return self.ends_at - self.starts_at

    @property
    def duration_minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())


# --- Catalogue version (postings/cache.py) ----------------------------------


class CatalogueVersion(models.Model):
    """One row whose token changes with every write to the public catalogue.

    Database triggers (migration 0003) give `token` a new random value on any
    insert, update or delete of postings, their cities and skills, programs,
    units, categories, locations, skills and information sessions, inside the
    writing transaction: bulk updates, admin actions and raw SQL included.
    Cached board pages are keyed on it (postings/cache.py).
    """

    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self):
        return str(self.token)
