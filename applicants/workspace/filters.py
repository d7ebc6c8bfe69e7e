"""The applicant list's filters and sort orders, bound to the query string (django-filter): the list, its CSV
export and the board's "see all" links share them, so a filtered list and its export are the same applications.

A value that cannot be read (a month 13, letters for a number, a posting of another unit) is an error of its
field, shown on the page; the other filters still apply.
"""

import datetime as dt
import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Case, F, Min, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from postings.models import DegreeLevel, Posting, Skill

from ..models import Application
from .cards import UNIT_STAGES

LONG_POSTING_FIELDS = [
    *(f"{field}{suffix}" for field in ("description", "requirements") for suffix in ("", "_en", "_zh_hans")),
    "search_text",
    "search_document",
]

S = Application.Status

# What blind screening hides (Application.is_blind) as a query condition: no filter or sort order may tell a
# reviewer a hidden name or school by which rows it keeps or how it orders them.
BLIND = Q(posting__blind_screening=True, status__in=Application.BLIND_STAGES)

ACTIVE = "active"


@dataclass(frozen=True)
class SortKey:
    label: str
    column: str
    # Days in stage grow as the entry into the stage gets older.
    inverted: bool = False
    nullable: bool = False

    def ordering(self, descending: bool):
        expression = F(self.column)
        nulls = {"nulls_last": True} if self.nullable else {}
        return expression.asc(**nulls) if descending == self.inverted else expression.desc(**nulls)


# `?sort=` values: a key for the ascending order of what the column shows, "-key" for the descending one.
SORT_KEYS = {
    "name": SortKey(_("Applicant"), "sort_name", nullable=True),
    "applied": SortKey(_("Applied"), "created_at"),
    "days": SortKey(_("Days in stage"), "stage_entered_at", inverted=True),
    "score": SortKey(_("Score"), "average_score", nullable=True),
    "rank": SortKey(_("Preference"), "rank"),
}
DEFAULT_SORT = "-applied"
SORT_CHOICES = [(value, key.label) for name, key in SORT_KEYS.items() for value in (name, f"-{name}")]


def sort_ordering(sort: str) -> list:
    """The ORDER BY of a `?sort=` value, the pk last so that pages never share or skip a row."""
    descending = sort.startswith("-")
    return [SORT_KEYS[sort.removeprefix("-")].ordering(descending), F("pk").desc() if descending else F("pk").asc()]


class MonthField(forms.CharField):
    """A month written as YYYY-MM (what `<input type="month">` sends), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month"})
    default_error_messages = {"invalid": _("Enter a month as year and month, for example 2027-06.")}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1900:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return dt.date(int(match[1]), int(match[2]), 1)


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class ApplicantFilter(django_filters.FilterSet):
    """The unit's applications by posting, stage, school, degree, graduation month, skill, preference, source and
    days in stage, in the order `sort` asks (newest applications first by default)."""

    posting = django_filters.ModelChoiceFilter(
        label=_("Posting"), queryset=Posting.objects.none(), empty_label=_("All postings")
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=[(ACTIVE, _("Under review (every stage not ended)")), *((s, S(s).label) for s in UNIT_STAGES)],
        empty_label=_("Any stage"),
        method="filter_stage",
    )
    school = django_filters.CharFilter(
        label=_("School"), max_length=200, method="filter_school", help_text=_("Part of its name is enough.")
    )
    degree = django_filters.ChoiceFilter(
        label=_("Degree level"),
        field_name="candidate__candidate_profile__degree_level",
        choices=DegreeLevel.choices,
        empty_label=_("Any degree level"),
    )
    graduation_month = MonthFilter(
        label=_("Graduation month"), method="filter_graduation_month", help_text=_("For example 2027-06.")
    )
    skill = django_filters.ModelChoiceFilter(
        label=_("Skill"),
        queryset=Skill.objects.all(),
        to_field_name="slug",
        empty_label=_("Any skill"),
        method="filter_skill",
    )
    rank = IntegerFilter(label=_("Preference"), field_name="rank", min_value=1, max_value=99)
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=Application.Source.choices, empty_label=_("Any source")
    )
    days = IntegerFilter(label=_("Days in stage, at least"), min_value=0, max_value=3650, method="filter_days")
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=SORT_CHOICES,
        method="filter_sort",
        error_messages={"invalid_choice": _("This list cannot be sorted that way; it shows the newest first.")},
    )

    class Meta:
        model = Application
        fields = []

    def __init__(self, data=None, *, queryset, unit, now=None):
        super().__init__(data, queryset=queryset)
        self.now = now or timezone.now()
        # The choices need titles only: a unit has hundreds of postings, and their texts are long.
        self.filters["posting"].queryset = (
            Posting.objects.filter(unit=unit).defer(*LONG_POSTING_FIELDS).order_by("-created_at", "pk")
        )

    @property
    def sort_order(self) -> str:
        """The sort order in force: the one asked for when it could be read, else the default."""
        if not self.is_bound or "sort" in self.errors:
            return DEFAULT_SORT
        return self.form.cleaned_data.get("sort") or DEFAULT_SORT

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.sort_order
        if sort.removeprefix("-") == "name":
            queryset = queryset.annotate(sort_name=_sort_name())
        return queryset.order_by(*sort_ordering(sort))

    def filter_stage(self, queryset, name, value):
        if value == ACTIVE:
            return queryset.filter(status__in=Application.ACTIVE)
        return queryset.filter(status=value)

    def filter_school(self, queryset, name, value):
        # Rows whose school is hidden are left out, not matched: keeping them would tell their school.
        return queryset.filter(candidate__candidate_profile__school__icontains=value).exclude(BLIND)

    def filter_graduation_month(self, queryset, name, value):
        return queryset.filter(
            candidate__candidate_profile__graduation_date__year=value.year,
            candidate__candidate_profile__graduation_date__month=value.month,
        )

    def filter_skill(self, queryset, name, value):
        return queryset.filter(candidate__candidate_profile__skills=value)

    def filter_days(self, queryset, name, value):
        return queryset.filter(stage_entered_at__lte=self.now - dt.timedelta(days=value))

    @property
    def days_entering(self) -> dt.datetime | None:
        """With a "days in stage" filter: the next moment an application of the list's queryset reaches that many
        days in its stage, and so enters the list with no write (one query); None without the filter, or when no
        application will."""
        if not self.is_bound:
            return None
        self.form.is_valid()  # cleans the form: its cleaned data has every field that could be read
        days = self.form.cleaned_data.get("days")
        if days is None:
            return None
        span = dt.timedelta(days=days)
        entered = (
            self.queryset.filter(stage_entered_at__gt=self.now - span)
            .order_by()
            .aggregate(first=Min("stage_entered_at"))["first"]
        )
        return entered + span if entered is not None else None

    def filter_sort(self, queryset, name, value):
        # Applied last, to the filtered rows, by filter_queryset.
        return queryset

    @property
    def filtered(self) -> bool:
        """Whether any filter (not the sort order) narrows the list."""
        data = self.data or {}
        return any(data.get(name) for name in self.filters if name != "sort")


def _sort_name():
    """The name to sort by, or none while blind screening hides it (those rows come last, by number)."""
    return Case(When(BLIND, then=Value(None)), default=Lower("candidate__name"))
