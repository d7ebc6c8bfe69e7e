from django import forms
from django.utils.translation import gettext_lazy as _

from .timezones import INVALID_ZONE, is_known_zone, zone_choices


class TimeZoneForm(forms.Form):
    """Where the visitor is, chosen from the list ("" = do not show times in my zone)."""

    time_zone = forms.CharField(label=_("Also show times in"), required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.initial.get("time_zone") or ""
        choices = [("", _("— only the session's own time —")), *zone_choices()]
        if current and not any(current == name for _area, zones in zone_choices() for name, _place in zones):
            # An older name the browser reported ("Asia/Calcutta") stays selectable.
            choices.append((current, current))
        self.fields["time_zone"].widget = forms.Select(choices=choices)

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        if name and not is_known_zone(name):
            raise forms.ValidationError(INVALID_ZONE)
        return name
