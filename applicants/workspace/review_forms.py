"""The forms of the application page's actions: a review, a rejection, an interview. They validate and
normalise; the services (applicants.services) decide and write."""

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruit.accounts.forms import ZoneSelect, localized_zone_choices
from recruit.accounts.timezones import INVALID_ZONE, is_known_zone, zone_label
from recruit.wording import join_words

from ..forms import ChoicesByIdField, DateInput
from ..models import RejectionReason, Review
from ..reviews import MAX_SCORE, MIN_SCORE, SCORE_LABELS
from ..services.interviews import MAX_DURATION, MIN_DURATION, Slot, outside_business_hours
from ..services.reviews import MAX_NOTES_LENGTH

SCORE_PREFIX = "score_"


class ReviewForm(forms.Form):
    """One radio group per line of the scorecard (1 to 4), a recommendation and notes."""

    recommendation = forms.ChoiceField(
        label=gettext_lazy("Recommendation"),
        choices=Review.Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a recommendation.")},
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        max_length=MAX_NOTES_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("What you saw, for the unit's reviewers. The candidate never sees reviews."),
    )

    def __init__(self, *args, scorecard, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scorecard = scorecard
        choices = [(n, f"{n} · {SCORE_LABELS[n]}") for n in range(MIN_SCORE, MAX_SCORE + 1)]
        scores = {}
        for line in scorecard:
            name = SCORE_PREFIX + line.key
            self.fields[name] = forms.TypedChoiceField(
                label=line.label,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Score “%(line)s”.") % {"line": line.label},
                    "invalid_choice": _("Score “%(line)s” from %(low)s to %(high)s.")
                    % {"line": line.label, "low": MIN_SCORE, "high": MAX_SCORE},
                },
            )
            scores[line.key] = self[name]
        # The scorecard's groups, in order, for the template (after the fields exist).
        self.score_fields = list(scores.values())
        # The recommendation and notes come after the scores.
        self.order_fields([*(SCORE_PREFIX + line.key for line in scorecard), "recommendation", "notes"])
        if review is not None and not self.is_bound:
            self.initial.update({SCORE_PREFIX + key: value for key, value in review.scores.items()})
            self.initial.update({"recommendation": review.recommendation, "notes": review.notes})

    def clean(self):
        cleaned = super().clean()
        known = {SCORE_PREFIX + line.key for line in self.scorecard}
        if any(name.startswith(SCORE_PREFIX) and name not in known for name in self.data):
            raise forms.ValidationError(
                _("The scorecard of this role changed while you were scoring: score it again.")
            )
        return cleaned

    def scores(self) -> dict[str, int]:
        return {line.key: self.cleaned_data[SCORE_PREFIX + line.key] for line in self.scorecard}


class ReasonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, reason):
        return reason.name


class RejectForm(forms.Form):
    """A reason from the list admins keep (each says whether the talent pool may suggest the candidate to other
    units) and an optional internal note."""

    rejection_reason = ReasonChoiceField(
        label=gettext_lazy("Reason"),
        queryset=RejectionReason.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choose a reason for turning this application down."),
            "invalid_choice": gettext_lazy("Choose a reason from the list."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the unit (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in the application's history. Neither the note nor the reason reaches the candidate."
        ),
    )


class ZoneField(forms.CharField):
    """An IANA zone from the list, named in the page's language (`name_in_page_language` when the form is made)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=64, **kwargs)

    def name_in_page_language(self) -> None:
        areas, english = localized_zone_choices()
        self.widget = ZoneSelect(choices=areas, english_values=english)

    def validate(self, value):
        super().validate(value)
        if value and not is_known_zone(value):
            raise forms.ValidationError(INVALID_ZONE, code="invalid_time_zone")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def start_date_field() -> forms.DateField:
    """The date an event starts, typed as 2027-03-15 (an interview, an information session)."""
    return forms.DateField(
        label=gettext_lazy("Date"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": gettext_lazy("Enter a date such as 2027-03-15.")},
    )


def start_time_field() -> forms.TimeField:
    """The time an event starts, typed as 14:30, in the zone chosen beside it."""
    return forms.TimeField(
        label=gettext_lazy("Start time"),
        widget=TimeInput(),
        input_formats=["%H:%M", "%H:%M:%S"],
        error_messages={"invalid": gettext_lazy("Enter a time such as 14:30.")},
    )


class InterviewForm(forms.Form):
    """When (a date and a time in a zone), how long, with whom, where."""

    date = start_date_field()
    time = start_time_field()
    time_zone = ZoneField(label=gettext_lazy("Time zone"), help_text=gettext_lazy("The zone the time above is in."))
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Duration in minutes"),
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        initial=45,
        widget=forms.NumberInput(attrs={"step": 5}),
    )
    interviewers = ChoicesByIdField(
        label=gettext_lazy("Interviewers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Recruiters and hiring managers of the unit. Each gets the invitation by email."),
        error_messages={
            "required": gettext_lazy("Choose at least one interviewer."),
            "invalid_choice": gettext_lazy("Interviewers are recruiters or hiring managers of the unit."),
            "invalid_pk_value": gettext_lazy("Interviewers are recruiters or hiring managers of the unit."),
        },
    )
    place = forms.CharField(
        label=gettext_lazy("Place"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("A room and building, or an address."),
    )
    video_link = forms.URLField(
        label=gettext_lazy("Video link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": gettext_lazy("Enter the whole address, such as https://meet.example.com/abc-defg")},
        help_text=gettext_lazy("The address of the video call, such as https://meet.example.com/abc-defg"),
    )
    outside_hours_ok = forms.BooleanField(
        label=gettext_lazy("Yes, schedule it at this time"), required=False, widget=forms.CheckboxInput
    )

    def __init__(self, *args, interviewers, candidate_zone="", interview=None, default_zone="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = interviewers
        # People's names are in no particular language (lang=""), whatever the page's.
        self.fields["interviewers"].label_from_instance = lambda user: format_html(
            '<span lang="">{}</span>', user.name or user.email
        )
        self.fields["time_zone"].name_in_page_language()
        self.candidate_zone = candidate_zone if is_known_zone(candidate_zone) else ""
        # Shown only when the time chosen is outside business hours.
        self.asks_confirmation = False
        if interview is not None and not self.is_bound:
            start = interview.starts_at.astimezone(zoneinfo.ZoneInfo(interview.time_zone))
            self.initial.update(
                {
                    "date": start.date(),
                    "time": start.time().replace(second=0, microsecond=0),
                    "time_zone": interview.time_zone,
                    "duration_minutes": interview.duration_minutes,
                    "interviewers": [person.pk for person in interview.interviewers.all()],
                    "place": interview.place,
                    "video_link": interview.video_link,
                }
            )
        elif not self.is_bound:
            self.initial.setdefault("time_zone", default_zone)

    def clean_video_link(self):
        link = self.cleaned_data["video_link"]
        if link and not link.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Enter the whole address, such as https://meet.example.com/abc-defg"))
        return link

    def clean(self):
        cleaned = super().clean()
        day, time, zone_name = cleaned.get("date"), cleaned.get("time"), cleaned.get("time_zone")
        if not (day and time is not None and zone_name):
            return cleaned
        zone = zoneinfo.ZoneInfo(zone_name)
        wall = dt.datetime.combine(day, time)
        starts_at = wall.replace(tzinfo=zone)
        # A time the clocks skip (spring forward) does not exist in that zone: say so rather than guess.
        if starts_at.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != wall:
            self.add_error("time", _("This time does not exist in that zone (the clocks change): choose another."))
            return cleaned
        cleaned["starts_at"] = starts_at
        if not (cleaned.get("place", "").strip() or cleaned.get("video_link", "").strip()):
            self.add_error("place", _("Give a place or a video link (or both)."))
        if starts_at <= timezone.now():
            self.add_error("date", _("This time has passed: choose a time in the future."))
        duration = cleaned.get("duration_minutes")
        if duration and not self.errors:
            self._confirm_hours(starts_at, starts_at + dt.timedelta(minutes=duration), zone_name, cleaned)
        return cleaned

    def _confirm_hours(self, starts_at, ends_at, zone_name, cleaned):
        """Outside 08:00-20:00 on a weekday, in the interview's zone or the candidate's: ask for a confirmation."""
        zones = dict.fromkeys(z for z in (zone_name, self.candidate_zone) if z)
        late = [z for z in zones if outside_business_hours(starts_at, ends_at, z)]
        if late and not cleaned.get("outside_hours_ok"):
            self.asks_confirmation = True
            told = []
            for name in late:
                local = starts_at.astimezone(zoneinfo.ZoneInfo(name))
                label = zone_label(name, (local,))
                whose = _("the candidate's time") if name == self.candidate_zone and name != zone_name else ""
                told.append(f"{local:%H:%M} {label}" + (f" ({whose})" if whose else ""))
            self.add_error(
                "outside_hours_ok",
                _("This is outside business hours (08:00 to 20:00 on weekdays): %(times)s. Tick the box to confirm.")
                % {"times": join_words(told)},
            )

    def slot(self) -> Slot:
        data = self.cleaned_data
        return Slot(
            starts_at=data["starts_at"],
            time_zone=data["time_zone"],
            duration_minutes=data["duration_minutes"],
            interviewers=tuple(data["interviewers"]),
            place=data["place"].strip(),
            video_link=data["video_link"].strip(),
        )
