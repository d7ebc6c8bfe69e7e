from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DegreeLevel
from .queries import clean_search_text

MAX_QUERY_LENGTH = 200


class BoardFilterForm(forms.Form):
    """The job board's search and filters, read from the URL.

    An unknown value leaves its filter out and says so; it never fails the page.
    """

    q = forms.CharField(
        label=_("Search roles"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Search text can be at most %(limit_value)d characters (it has %(show_value)d); "
                "it was not applied. Try a few keywords."
            )
        },
    )
    unit = forms.MultipleChoiceField(label=_("Business unit"), required=False)
    category = forms.MultipleChoiceField(label=_("Role category"), required=False)
    location = forms.MultipleChoiceField(label=_("Location"), required=False)
    ai = forms.BooleanField(label=_("AI roles only"), required=False)
    program = forms.ChoiceField(label=_("Program"), required=False)
    degree = forms.MultipleChoiceField(label=_("Degree level"), required=False, choices=DegreeLevel.choices)
    open_to = forms.BooleanField(label=_("Roles I can apply to"), required=False)

    unknown_value_message = _("There is no %(field)s “%(value)s”; that filter was left out.")

    def __init__(self, data, *, units, categories, locations, programs):
        super().__init__(data)
        self.fields["unit"].choices = [(u.slug, u.name) for u in units]
        self.fields["category"].choices = [(c.slug, c.name) for c in categories]
        self.fields["location"].choices = [(loc.slug, loc.name) for loc in locations]
        self.fields["program"].choices = [("", _("All open programs")), *((p.slug, p.name) for p in programs)]
        for name in ("unit", "category", "location", "program", "degree"):
            label = self.fields[name].label.lower()
            self.fields[name].error_messages["invalid_choice"] = self.unknown_value_message % {
                "field": label,
                "value": "%(value)s",
            }

    def clean_q(self):
        return clean_search_text(self.cleaned_data["q"])

    def filters(self) -> dict:
        """The valid filters; the invalid ones are dropped (their errors stay on the form)."""
        self.is_valid()
        cleaned = self.cleaned_data
        return {
            "q": cleaned.get("q", ""),
            "unit": cleaned.get("unit", []),
            "category": cleaned.get("category", []),
            "location": cleaned.get("location", []),
            "ai": cleaned.get("ai", False),
            "program": cleaned.get("program", ""),
            "degree": cleaned.get("degree", []),
            "open_to": cleaned.get("open_to", False),
        }
