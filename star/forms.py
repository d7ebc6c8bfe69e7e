"""The research application's form (areas, statement, advisor, degree) and its publications' formset, and the
committee's review form. They validate and normalise; star/services.py writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from applicants.forms import ApplyForm, ChoicesByIdField

from .models import MAX_PUBLICATIONS, SCORE_MAX, SCORE_MIN, STATEMENT_MAX_LENGTH, Publication, StarApplication

FIRST_PUBLICATION_YEAR = 1950


class StatementField(forms.CharField):
    """Text whose line breaks count as one character, as the browser counts them (it sends each as two)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class StarApplyForm(ApplyForm):
    """What a research posting asks besides the consents: areas of the posting, statement, advisor, degree."""

    areas = ChoicesByIdField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("Research areas"),
        help_text=_("At least one, of the areas this role works in."),
        error_messages={
            "required": _("Choose at least one research area."),
            "invalid_choice": _("Choose research areas of this role only."),
        },
    )
    statement = StatementField(
        label=_("Research statement"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "data-count": "statement"}),
        help_text=_("What you have worked on, what you want to work on next and why here: up to 4,000 characters."),
        error_messages={"required": _("Write your research statement.")},
    )
    advisor_name = forms.CharField(label=_("Advisor's name"), max_length=200)
    advisor_institution = forms.CharField(label=_("Advisor's institution"), max_length=200)
    expected_degree = forms.ChoiceField(label=_("Expected degree"), choices=())

    def __init__(self, *args, posting, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas
        self.fields["statement"].error_messages["max_length"] = ngettext_lazy(
            "Shorten your statement to %(limit_value)d character (it has %(show_value)d).",
            "Shorten your statement to %(limit_value)d characters (it has %(show_value)d).",
            "limit_value",
        )
        accepted = posting.accepted_degree_levels()
        self.fields["expected_degree"].choices = [
            (value, label) for value, label in StarApplication.Degree.choices if value in accepted
        ]
        self.fields["expected_degree"].error_messages["invalid_choice"] = _(
            "This role accepts the degrees listed only."
        )
        for name in ("advisor_name", "advisor_institution"):
            self.fields[name].error_messages["required"] = _("Name your advisor and their institution.")

    def clean_advisor_name(self):
        return " ".join(self.cleaned_data["advisor_name"].split())

    def clean_advisor_institution(self):
        return " ".join(self.cleaned_data["advisor_institution"].split())

    def statement_length(self) -> int:
        """The statement's length as typed (shown beside the field, also after a refused submission)."""
        value = self.data.get(self.add_prefix("statement"), "") if self.is_bound else ""
        return len(value.replace("\r\n", "\n"))


class PublicationForm(forms.ModelForm):
    # Plain text checked by clean_link: a URLField would add a scheme to what was typed and accept ftp://.
    link = forms.CharField(label=_("Link"), max_length=500, required=False)

    class Meta:
        model = Publication
        fields = ["title", "venue", "year", "link", "author_position"]
        widgets = {"year": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        position = self.fields["author_position"]
        position.choices = [("", _("- Select an option -")), *(c for c in position.choices if c[0] != "")]
        self.fields["link"].help_text = _("Optional: a web address starting with https:// (or http://).")

    def clean_year(self):
        year = self.cleaned_data["year"]
        last = timezone.localdate().year + 1
        if not FIRST_PUBLICATION_YEAR <= year <= last:
            raise ValidationError(
                _("Enter a year from %(first)d to %(last)d."), params={"first": FIRST_PUBLICATION_YEAR, "last": last}
            )
        return year

    def clean_link(self):
        link = self.cleaned_data["link"].strip()
        if not link:
            return ""
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise ValidationError(_("Enter a web address starting with https:// or http://.")) from None
        return link


class BasePublicationFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Publication.objects.none())
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        if len(self.publications()) > MAX_PUBLICATIONS:
            raise ValidationError(
                _("List at most %(count)d publications: your strongest ones."), params={"count": MAX_PUBLICATIONS}
            )

    def publications(self) -> list[dict]:
        """The filled-in rows (blank and removed ones left out), in the order typed."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


PublicationFormSet = forms.modelformset_factory(
    Publication,
    form=PublicationForm,
    formset=BasePublicationFormSet,
    extra=1,
    can_delete=True,
    # The formset's own limits sit above ours, so our message (clean) says it; absolute_max stops abuse.
    max_num=MAX_PUBLICATIONS + 5,
    absolute_max=MAX_PUBLICATIONS + 5,
)


def publication_formset(data=None, *, add: bool = False):
    """The publications' formset; `add` shows one more empty row (the "Add a publication" button, which works
    without JavaScript)."""
    if data is not None and add:
        data = data.copy()
        key = "publications-TOTAL_FORMS"
        try:
            total = int(data.get(key, 0))
        except ValueError:
            total = 0
        data[key] = str(min(total + 1, MAX_PUBLICATIONS))
    return PublicationFormSet(data, prefix="publications")


SCORE_CHOICES = [(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]


class StarReviewForm(forms.Form):
    research_quality = forms.TypedChoiceField(
        label=_("Research quality"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    impact = forms.TypedChoiceField(label=_("Impact"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect)
    fit = forms.TypedChoiceField(label=_("Fit"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What decided your scores; the committee reads it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("research_quality", "impact", "fit"):
            self.fields[name].error_messages["required"] = _("Give a score from 1 to 5.")
            self.fields[name].error_messages["invalid_choice"] = _("Give a score from 1 to 5.")
