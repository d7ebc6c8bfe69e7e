"""The Star research track: its research areas, what a research application adds, and the committees' reviews.

Postings and applications stay as they are: a research posting names its areas through PostingArea, and a
research application carries its extra parts in a StarApplication beside it (one to one).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from applicants.models import Application
from postings.models import DegreeLevel, Posting

from .queries import StarApplicationQuerySet

STATEMENT_MAX_LENGTH = 4000
MAX_PUBLICATIONS = 20
# The committee's rubric: each criterion scored 1 (weak) to 5 (outstanding).
SCORE_MIN, SCORE_MAX = 1, 5
# Reviewers disagree when their mean scores lie this far apart (max − min), or further.
DISAGREEMENT_SPREAD = 2


class ResearchArea(models.Model):
    """One of the program's research areas (fundamental models, AI infrastructure, ...); each has a committee."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("research area")
        verbose_name_plural = _("research areas")

    def __str__(self):
        return self.name

    def get_committee_url(self):
        return reverse("star_committee:area", args=[self.slug])


class PostingArea(models.Model):
    """A research posting's area: a posting of the research program names one or more."""

    posting = models.ForeignKey(Posting, models.CASCADE, related_name="research_areas", verbose_name=_("posting"))
    area = models.ForeignKey(ResearchArea, models.PROTECT, related_name="posting_areas", verbose_name=_("area"))

    class Meta:
        verbose_name = _("research area of a posting")
        verbose_name_plural = _("research areas of postings")
        constraints = [models.UniqueConstraint(fields=["posting", "area"], name="star_posting_area_unique")]

    def __str__(self):
        return f"{self.posting} — {self.area}"


class StarApplication(models.Model):
    """What a research application adds to the Application it belongs to."""

    class Degree(models.TextChoices):
        DOCTORATE = DegreeLevel.DOCTORATE.value, _("PhD")
        MASTER = DegreeLevel.MASTER.value, _("Master's")

    application = models.OneToOneField(Application, models.CASCADE, related_name="star", verbose_name=_("application"))
    areas = models.ManyToManyField(ResearchArea, related_name="star_applications", verbose_name=_("research areas"))
    statement = models.TextField(_("research statement"), max_length=STATEMENT_MAX_LENGTH)
    advisor_name = models.CharField(_("advisor"), max_length=200)
    advisor_institution = models.CharField(_("advisor's institution"), max_length=200)
    expected_degree = models.CharField(_("expected degree"), max_length=12, choices=Degree)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StarApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Star application")
        verbose_name_plural = _("Star applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_degree__in=["doctorate", "master"]), name="star_application_degree_known"
            ),
        ]

    def __str__(self):
        return str(self.application)


class Publication(models.Model):
    class AuthorPosition(models.TextChoices):
        FIRST = "first", _("First author")
        SECOND = "second", _("Second author")
        CORRESPONDING = "corresponding", _("Corresponding author")
        OTHER = "other", _("Other author")

    star_application = models.ForeignKey(
        StarApplication, models.CASCADE, related_name="publications", verbose_name=_("application")
    )
    title = models.CharField(_("title"), max_length=300)
    venue = models.CharField(_("venue"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    author_position = models.CharField(_("author position"), max_length=14, choices=AuthorPosition)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=1950) & Q(year__lte=2100), name="star_publication_year"),
        ]

    def __str__(self):
        return self.title


class CommitteeMembership(models.Model):
    """A user who sits on a research area's committee (granted by admins in /admin/)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="star_committees", verbose_name=_("user")
    )
    area = models.ForeignKey(ResearchArea, models.CASCADE, related_name="committee", verbose_name=_("area"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="star_committee_unique_user_area")]

    def __str__(self):
        return f"{self.user} — {self.area}"


class StarReview(models.Model):
    """A committee member's scores of a research application on the published rubric; one per member, editable."""

    star_application = models.ForeignKey(
        StarApplication, models.CASCADE, related_name="reviews", verbose_name=_("application")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="star_reviews", verbose_name=_("reviewer")
    )
    research_quality = models.PositiveSmallIntegerField(_("research quality"))
    impact = models.PositiveSmallIntegerField(_("impact"))
    fit = models.PositiveSmallIntegerField(_("fit"))
    comment = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Star review")
        verbose_name_plural = _("Star reviews")
        constraints = [
            models.UniqueConstraint(fields=["star_application", "reviewer"], name="star_review_one_per_reviewer"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": SCORE_MIN}) & Q(**{f"{name}__lte": SCORE_MAX}),
                    name=f"star_review_{name}_1_to_5",
                )
                for name in ("research_quality", "impact", "fit")
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} — {self.star_application}"

    @property
    def score(self) -> float:
        """The mean of the three criteria."""
        return (self.research_quality + self.impact + self.fit) / 3
