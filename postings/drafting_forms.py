"""The drafting and approval forms: they validate and normalise, the services in postings.publishing write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DegreeLevel, Location, Posting, Program, RoleCategory, Skill
from .publishing import MAX_COMPETENCIES

# The largest id a database key holds (a 64-bit signed integer): past it, an id names nothing, and SQLite
# cannot even be asked about it.
MAX_ID = 2**63 - 1
# Datetimes typed into <input type="datetime-local">, read in the site's time zone (named beside the field).
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
MAX_TEXT = 20_000
MAX_COMMENT = 2_000


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _refuse_huge_ids(field, value):
    values = value if isinstance(value, list | tuple) else [value]
    for pk in values:
        if str(pk).lstrip("-").isdigit() and abs(int(pk)) > MAX_ID:
            raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice", params={"value": "…"})


class ChoiceById(forms.ModelChoiceField):
    """A choice sent as an id; one past any database key is an unknown choice, not a crash."""

    def to_python(self, value):
        _refuse_huge_ids(self, value)
        return super().to_python(value)


class ChoicesById(forms.ModelMultipleChoiceField):
    def clean(self, value):
        _refuse_huge_ids(self, value)
        return super().clean(value)


def _future(value, message):
    if value and value <= timezone.now():
        raise ValidationError(message)
    return value


class PostingDraftForm(forms.ModelForm):
    """A draft, both languages side by side. Everything but a title, the program and the category may wait:
    what submitting needs is checked when it is submitted (publishing.submission_gaps)."""

    program = ChoiceById(label=_("Program"), queryset=Program.objects.none())
    category = ChoiceById(label=_("Role category"), queryset=RoleCategory.objects.all())
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    title_zh_hans = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    description_en = forms.CharField(
        label=_("Description in English"), required=False, max_length=MAX_TEXT, widget=forms.Textarea
    )
    description_zh_hans = forms.CharField(
        label=_("Description in Chinese"), required=False, max_length=MAX_TEXT, widget=forms.Textarea
    )
    requirements_en = forms.CharField(
        label=_("Requirements in English"), required=False, max_length=MAX_TEXT, widget=forms.Textarea
    )
    requirements_zh_hans = forms.CharField(
        label=_("Requirements in Chinese"), required=False, max_length=MAX_TEXT, widget=forms.Textarea
    )
    skills = ChoicesById(
        label=_("Skills"), queryset=Skill.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    locations = ChoicesById(
        label=_("Locations"), queryset=Location.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    headcount = forms.IntegerField(label=_("Openings"), min_value=1, max_value=999, initial=1)
    degree_levels = forms.MultipleChoiceField(
        label=_("Accepted degree levels"),
        choices=DegreeLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one of the degree levels offered.")},
    )
    closes_at = forms.DateTimeField(
        label=_("Closing date"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        error_messages={"invalid": _("Enter a date and time such as 2027-05-31 23:59.")},
    )

    class Meta:
        model = Posting
        fields = [
            "program",
            "category",
            "title_en",
            "title_zh_hans",
            "description_en",
            "description_zh_hans",
            "requirements_en",
            "requirements_zh_hans",
            "skills",
            "locations",
            "headcount",
            "degree_levels",
            "closes_at",
            "blind_screening",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Programs still taking applications (or yet to open), and the draft's own whatever its dates.
        programs = Program.objects.filter(applications_close__gt=timezone.now())
        if self.instance.program_id:
            programs = programs | Program.objects.filter(pk=self.instance.program_id)
        self.fields["program"].queryset = programs.distinct()
        if not self.instance.pk and not self.instance.program_id:
            # A new draft starts with the program open the longest and every degree level.
            first = self.fields["program"].queryset.order_by("applications_open").first()
            self.initial["program"] = first.pk if first else None
            self.initial["degree_levels"] = list(DegreeLevel.values)
        self.fields["closes_at"].help_text = _("Empty: open until the program closes.")
        for name, field in self.fields.items():
            if name.endswith(("_en", "_zh_hans")):
                # Spelling and screen readers follow the field's language.
                field.widget.attrs["lang"] = "en" if name.endswith("_en") else "zh-Hans"
            if name.startswith(("description_", "requirements_")):
                # static/js/workspace/drafting.js adds its formatting buttons to these.
                field.widget.attrs.update({"rows": 10, "data-formatting": ""})
        self.fields["blind_screening"].help_text = Posting._meta.get_field("blind_screening").help_text

    def clean_closes_at(self):
        return _future(self.cleaned_data.get("closes_at"), _("Choose a closing date in the future, or none."))

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title_en") or "").strip() and not (cleaned.get("title_zh_hans") or "").strip():
            self.add_error("title_en", _("Give the role a title, in English at least before you submit it."))
        program, closes_at = cleaned.get("program"), cleaned.get("closes_at")
        if program and closes_at and closes_at > program.applications_close:
            self.add_error(
                "closes_at",
                _("The program stops taking applications before this date: leave it empty to close with the program."),
            )
        return cleaned


class CompetencyLineForm(forms.Form):
    """A line of the posting's scorecard, in both languages."""

    name_en = forms.CharField(label=_("Competency in English"), max_length=120, required=False)
    name_zh_hans = forms.CharField(label=_("Competency in Chinese"), max_length=120, required=False)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("name_zh_hans") or "").strip() and not (cleaned.get("name_en") or "").strip():
            self.add_error("name_en", _("Name the competency in English too."))
        return cleaned


class BaseCompetencyFormSet(forms.BaseFormSet):
    def lines(self) -> list[tuple[str, str]]:
        """The lines filled in, in order, as (English, Chinese)."""
        return [
            (form.cleaned_data.get("name_en", ""), form.cleaned_data.get("name_zh_hans", ""))
            for form in self.forms
            if form.cleaned_data
        ]


def competency_formset(data=None, *, posting=None) -> BaseCompetencyFormSet:
    """The scorecard's lines: the posting's, then empty ones up to a handful (up to MAX_COMPETENCIES)."""
    initial = []
    if posting is not None and posting.pk:
        initial = [{"name_en": line.name_en, "name_zh_hans": line.name_zh_hans} for line in posting.competencies.all()]
    formset_class = forms.formset_factory(
        CompetencyLineForm,
        formset=BaseCompetencyFormSet,
        extra=max(2, 5 - len(initial)) if len(initial) < MAX_COMPETENCIES else 0,
        max_num=MAX_COMPETENCIES,
        absolute_max=MAX_COMPETENCIES,
        validate_max=True,
    )
    return formset_class(data, initial=initial, prefix="competencies")


class ApprovalForm(forms.Form):
    # The posting's page holds the approval, return and close forms at once: prefixes keep their ids apart.
    prefix = "approve"
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Empty: now. A later time schedules it: the job board shows it from then on."),
        error_messages={"invalid": _("Enter a date and time such as 2027-05-31 23:59.")},
    )
    closes_at = forms.DateTimeField(
        label=_("Closing date"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Empty: open until the program closes."),
        error_messages={"invalid": _("Enter a date and time such as 2027-05-31 23:59.")},
    )
    comment = forms.CharField(
        label=_("Comment for the unit (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, posting, **kwargs):
        super().__init__(*args, **kwargs)
        self.posting = posting
        self.fields["closes_at"].initial = posting.closes_at

    def clean_publish_at(self):
        publish_at = self.cleaned_data.get("publish_at")
        # A minute's grace: the time typed as "now" has passed by the time the form is sent.
        if publish_at and publish_at < timezone.now() - timezone.timedelta(minutes=1):
            raise ValidationError(_("Choose a time from now on, or leave it empty to publish now."))
        return publish_at

    def clean_closes_at(self):
        return _future(self.cleaned_data.get("closes_at"), _("Choose a closing date in the future, or none."))

    def clean(self):
        cleaned = super().clean()
        publish_at, closes_at = cleaned.get("publish_at") or timezone.now(), cleaned.get("closes_at")
        if closes_at and closes_at <= publish_at:
            self.add_error("closes_at", _("The closing date must come after the publishing time."))
        if closes_at and closes_at > self.posting.program.applications_close:
            self.add_error(
                "closes_at",
                _("The program stops taking applications before this date: leave it empty to close with the program."),
            )
        return cleaned


class ReturnForm(forms.Form):
    prefix = "return"
    comment = forms.CharField(
        label=_("What should the unit change?"),
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the unit should change: a comment is required to return a posting.")},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise ValidationError(_("Say what the unit should change: a comment is required to return a posting."))
        return comment


class CloseForm(forms.Form):
    prefix = "close"
    comment = forms.CharField(
        label=_("Why is it closing? (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
