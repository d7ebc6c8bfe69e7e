"""The pool search's keywords and filters, read from the URL.

A value that cannot be read (a month 13, an unknown skill, a query too long) leaves its filter out and says so on
the page; it never fails it. The catalogue's choices are passed in (the page lists them anyway), so checking them
costs no query.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from applicants.workspace.filters import MonthField
from postings.forms import MAX_QUERY_LENGTH
from postings.models import DegreeLevel
from postings.queries import clean_search_text

from .models import STAGE_CHOICES
from .search import PoolFilters


class PoolSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the pool"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Words of the profile or the resume, in English or Chinese."),
        error_messages={
            "max_length": _(
                "Search text can be at most %(limit_value)d characters (it has %(show_value)d); "
                "it was not applied. Try a few keywords."
            )
        },
    )
    skill = forms.MultipleChoiceField(label=_("Skills"), required=False, help_text=_("Candidates with every one."))
    school = forms.CharField(
        label=_("School"), required=False, max_length=200, help_text=_("Part of its name is enough.")
    )
    degree = forms.ChoiceField(label=_("Degree level"), required=False)
    graduation_month = MonthField(label=_("Graduation month"), required=False, help_text=_("For example 2027-06."))
    location = forms.ChoiceField(label=_("Preferred location"), required=False)
    stage = forms.ChoiceField(label=_("Highest stage reached, at least"), required=False)
    category = forms.ChoiceField(
        label=_("Preferred role category"),
        required=False,
        help_text=_("Candidates your unit turned down for this category are left out."),
    )

    unknown_value_message = _("There is no %(field)s “%(value)s”; that filter was left out.")

    def __init__(self, data, *, skills, locations, categories):
        super().__init__(data)
        self._by_slug = {
            "skill": {skill.slug: skill for skill in skills},
            "location": {location.slug: location for location in locations},
            "category": {category.slug: category for category in categories},
        }
        self.fields["skill"].choices = [(s.slug, s.name) for s in skills]
        self.fields["location"].choices = [("", _("Any location")), *((loc.slug, loc.name) for loc in locations)]
        self.fields["category"].choices = [("", _("Any role category")), *((c.slug, c.name) for c in categories)]
        self.fields["degree"].choices = [("", _("Any degree level")), *DegreeLevel.choices]
        self.fields["stage"].choices = [("", _("Any stage, or none")), *STAGE_CHOICES]
        for name in ("skill", "location", "category", "degree", "stage"):
            label = str(self.fields[name].label).lower()
            self.fields[name].error_messages["invalid_choice"] = self.unknown_value_message % {
                "field": label,
                "value": "%(value)s",
            }

    def clean_q(self):
        return clean_search_text(self.cleaned_data["q"])

    def clean_school(self):
        return clean_search_text(self.cleaned_data["school"])

    def filters(self) -> PoolFilters:
        """The filters that could be read; the others are left out (their errors stay on the form)."""
        self.is_valid()
        cleaned = self.cleaned_data
        return PoolFilters(
            q=cleaned.get("q", ""),
            skills=tuple(self._by_slug["skill"][slug] for slug in cleaned.get("skill", [])),
            school=cleaned.get("school", ""),
            degree=cleaned.get("degree", ""),
            graduation_month=cleaned.get("graduation_month"),
            location=self._by_slug["location"].get(cleaned.get("location", "")),
            stage=cleaned.get("stage", ""),
            category=self._by_slug["category"].get(cleaned.get("category", "")),
        )
