"""The forms of information sessions: the public list's filters, a session (workspace), a check-in code."""

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants.forms import ChoicesByIdField
from applicants.workspace.review_forms import ZoneField, start_date_field, start_time_field
from postings.models import InfoSession, Program

from . import codes

MIN_DURATION, MAX_DURATION = 15, 12 * 60
MAX_CAPACITY = 10_000
# Filter values are matched against names; anything longer is no name of ours.
MAX_FILTER = 100


def clean_filter(value) -> str:
    """A filter value as typed: trimmed, bounded, without the characters no name has (a NUL byte breaks
    PostgreSQL's queries)."""
    if not isinstance(value, str):
        return ""
    value = "".join(char for char in value[: MAX_FILTER * 2] if char.isprintable())
    return value.strip()[:MAX_FILTER]


class ProgramField(forms.ModelChoiceField):
    """A program by id; an id no database could hold is an unknown choice, not a crash."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) > 18:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SessionForm(forms.ModelForm):
    """A session as its unit announces it: where, when (a date and time in the place's zone), how long, how many
    seats, in English and Chinese."""

    program = ProgramField(label=gettext_lazy("Program"), queryset=Program.objects.all(), empty_label=None)
    units = ChoicesByIdField(
        label=gettext_lazy("Units presenting"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one unit."),
            "invalid_choice": gettext_lazy("Choose among the units you work in."),
            "invalid_pk_value": gettext_lazy("Choose among the units you work in."),
        },
    )
    date = start_date_field()
    time = start_time_field()
    time_zone = ZoneField(
        label=gettext_lazy("Time zone"),
        help_text=gettext_lazy(
            "The zone of the session's place (for an online session, the presenters'): the time above is in it."
        ),
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Duration in minutes"),
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        initial=120,
        widget=forms.NumberInput(attrs={"step": 15}),
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Seats"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=200,
        help_text=gettext_lazy("People beyond it join the waitlist; adding seats later gives them to those waiting."),
    )
    online_url = forms.URLField(
        label=gettext_lazy("Online link (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": gettext_lazy("Enter the whole address, such as https://live.example.com/zju")},
        help_text=gettext_lazy("Where the session is streamed, such as https://live.example.com/zju"),
    )

    class Meta:
        model = InfoSession
        fields = [
            "program",
            "university_en",
            "university_zh_hans",
            "city_en",
            "city_zh_hans",
            "venue_en",
            "venue_zh_hans",
            "summary_en",
            "summary_zh_hans",
            "capacity",
            "online_url",
        ]
        labels = {
            "university_en": gettext_lazy("University (English)"),
            "university_zh_hans": gettext_lazy("University (Chinese)"),
            "city_en": gettext_lazy("City (English)"),
            "city_zh_hans": gettext_lazy("City (Chinese)"),
            "venue_en": gettext_lazy("Venue (English)"),
            "venue_zh_hans": gettext_lazy("Venue (Chinese)"),
            "summary_en": gettext_lazy("Summary (English)"),
            "summary_zh_hans": gettext_lazy("Summary (Chinese)"),
        }
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 4}),
            "summary_zh_hans": forms.Textarea(attrs={"rows": 4, "lang": "zh-Hans"}),
            "university_zh_hans": forms.TextInput(attrs={"lang": "zh-Hans"}),
            "city_zh_hans": forms.TextInput(attrs={"lang": "zh-Hans"}),
            "venue_zh_hans": forms.TextInput(attrs={"lang": "zh-Hans"}),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["time_zone"].name_in_page_language()
        for name in ("university_en", "city_en"):
            self.fields[name].required = True
        session = self.instance
        if session.pk and not self.is_bound:
            start = session.starts_at.astimezone(zoneinfo.ZoneInfo(session.time_zone))
            self.initial.update(
                {
                    "date": start.date(),
                    "time": start.time().replace(second=0, microsecond=0),
                    "time_zone": session.time_zone,
                    "duration_minutes": session.duration_minutes,
                    "units": [unit.pk for unit in session.units.all() if unit in units],
                }
            )
        elif not self.is_bound:
            self.initial.setdefault("time_zone", session.time_zone)

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            from .models import Registration

            seated = Registration.objects.holding_seats().filter(session=self.instance).count()
            if capacity < seated:
                raise forms.ValidationError(
                    _("%(count)d people hold a seat already: the session needs at least as many seats.")
                    % {"count": seated}
                )
        return capacity

    def clean_online_url(self):
        link = self.cleaned_data["online_url"]
        if link and not link.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Enter the whole address, such as https://live.example.com/zju"))
        return link

    def clean(self):
        cleaned = super().clean()
        day, time, zone_name = cleaned.get("date"), cleaned.get("time"), cleaned.get("time_zone")
        duration = cleaned.get("duration_minutes")
        if not (day and time is not None and zone_name and duration):
            return cleaned
        zone = zoneinfo.ZoneInfo(zone_name)
        wall = dt.datetime.combine(day, time)
        starts_at = wall.replace(tzinfo=zone)
        # A time the clocks skip (spring forward) does not exist in that zone: say so rather than guess.
        if starts_at.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != wall:
            self.add_error("time", _("This time does not exist in that zone (the clocks change): choose another."))
            return cleaned
        moved = self.instance.pk is None or starts_at != self.instance.starts_at
        if moved and starts_at <= timezone.now():
            self.add_error("date", _("This time has passed: choose a time in the future."))
            return cleaned
        self.instance.starts_at = starts_at
        self.instance.ends_at = starts_at + dt.timedelta(minutes=duration)
        self.instance.time_zone = zone_name
        return cleaned


class CheckInForm(forms.Form):
    """The code a person shows at the door, typed by a recruiter (spaces, dashes and case do not matter)."""

    code = forms.CharField(
        label=gettext_lazy("Check-in code"),
        max_length=codes.MAX_TYPED,
        help_text=gettext_lazy("The code on the person's registration page, such as ACDEF-34679."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
