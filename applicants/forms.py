from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .models import CandidateProfile
from .pdf import MESSAGES, RESUME_ACCEPT, RESUME_HELP_TEXT


class DateInput(forms.DateInput):
    # The browser's date picker sends ISO dates in every language.
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# The largest id a database key holds (a 64-bit signed integer).
MAX_ID = 2**63 - 1


class ChoicesByIdField(forms.ModelMultipleChoiceField):
    """Ticked options sent as ids; an id past any database key is an unknown choice, not a crash.

    Django checks each id against the database, and SQLite cannot even be
    asked about a number past 64 bits.
    """

    def clean(self, value):
        if isinstance(value, list | tuple):
            for pk in value:
                if str(pk).lstrip("-").isdigit() and abs(int(pk)) > MAX_ID:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(pk)[:20]}
                    )
        return super().clean(value)


class ProfileForm(forms.ModelForm):
    name = forms.CharField(label=_("Full name"), max_length=200, help_text=_("As on your student card or passport."))

    class Meta:
        model = CandidateProfile
        fields = [
            "phone",
            "school",
            "degree_level",
            "major",
            "graduation_date",
            "skills",
            "preferred_categories",
            "preferred_locations",
            "languages",
            "links",
            "open_to_reassignment",
        ]
        widgets = {
            "graduation_date": DateInput(),
            "skills": forms.CheckboxSelectMultiple,
            "preferred_categories": forms.CheckboxSelectMultiple,
            "preferred_locations": forms.CheckboxSelectMultiple,
            "links": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {
            "skills": ChoicesByIdField,
            "preferred_categories": ChoicesByIdField,
            "preferred_locations": ChoicesByIdField,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["name"].initial = user.name
        self.fields["graduation_date"].input_formats = ["%Y-%m-%d"]
        # Django's empty choice ("- Select an option -") is not in its own Chinese catalogue: ours says it.
        degree_level = self.fields["degree_level"]
        degree_level.choices = [("", _("- Select an option -")), *(c for c in degree_level.choices if c[0] != "")]
        self.fields["graduation_date"].error_messages["invalid"] = _("Enter a date such as 2027-06-30.")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Enter your name."))
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(ch.isdigit() or ch in " +-()" for ch in phone):
            raise ValidationError(_("Use digits, spaces and + - ( ) only."))
        return phone

    def clean_graduation_date(self):
        date = self.cleaned_data["graduation_date"]
        if date and not 1990 <= date.year <= 2100:
            raise ValidationError(_("Enter a graduation date between 1990 and 2100."))
        return date

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a web address starting with https://."), params={"link": link[:80]}
                ) from None
        if len(links) > 10:
            raise ValidationError(_("Add at most 10 links."))
        return "\n".join(links)


class EligibilityPreviewForm(forms.Form):
    graduation_date = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Type the date as year-month-day, for example 2027-06-30.")},
    )


class ResumeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Resume (PDF)"),
        help_text=RESUME_HELP_TEXT,
        widget=forms.ClearableFileInput(attrs={"accept": RESUME_ACCEPT}),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # The upload handler stopped reading a body over the limit: say so,
        # rather than "no file".
        self.too_large = too_large
        if too_large:
            self.fields["file"].required = False

    def clean(self):
        if self.too_large:
            raise ValidationError({"file": MESSAGES["too_big"]})
        return super().clean()


class ApplyForm(forms.Form):
    # Optional here, required by the service for roles abroad (eligibility.may_apply);
    # the browser asks for it first where the page shows it.
    cross_border_consent = forms.BooleanField(
        required=False,
        widget=forms.CheckboxInput(attrs={"required": True}),
        label=_(
            "I agree that my application data (profile and resume) is transferred to the unit outside mainland "
            "China that recruits for this role, for this application only."
        ),
    )
    pool_consent = forms.BooleanField(
        required=False,
        label=_(
            "Keep my resume in the talent pool: if this unit does not select me, recruiters of other units may "
            "consider me for similar roles. I can withdraw this at any time."
        ),
    )


class ReorderForm(forms.Form):
    application = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


def confirmation_words() -> set[str]:
    """What may be typed to confirm: DELETE, or the page language's word for it (删除)."""
    return {"DELETE", pgettext("the word typed to confirm deleting one's account", "DELETE")}


class AccountDeleteForm(forms.Form):
    # Translators: the word in these two messages is the translation of "DELETE" (confirmation_words).
    confirm = forms.CharField(label=_("Type DELETE to confirm"), help_text=_("This cannot be undone."), max_length=20)

    def clean_confirm(self):
        if self.cleaned_data["confirm"].strip() not in confirmation_words():
            raise ValidationError(_("Type DELETE in capital letters to confirm."))
        return "DELETE"
