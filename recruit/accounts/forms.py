from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .timezones import INVALID_ZONE, area_name, is_known_zone, local_place, zone_choices


class ZoneSelect(forms.Select):
    """The zone list: an option whose place has no name in the page's language shows its English one,
    marked as such (`lang="en"`)."""

    def __init__(self, *args, english_values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.english_values = frozenset(english_values)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value in self.english_values:
            option["attrs"] = {**option["attrs"], "lang": "en"}
        return option


def localized_zone_choices() -> tuple[list, set]:
    """The zone list in the page's language: areas and places named in it where the portal knows the name
    (IANA names stay the values), those first in their area, and the zones still shown by their English place."""
    in_english = _page_in_english()
    choices, english = [], set()
    for area, zones in zone_choices():
        named, others = [], []
        for name, place in zones:
            local = local_place(name)
            if local is not None:
                named.append((name, local))
            else:
                others.append((name, place))
                if not in_english:
                    english.add(name)
        choices.append((area_name(area), (*named, *others)))
    return choices, english


def _page_in_english() -> bool:
    return (get_language() or "en").startswith("en")


class TimeZoneForm(forms.Form):
    """Where the visitor is, chosen from the list ("" = do not show times in my zone)."""

    time_zone = forms.CharField(label=_("Also show times in"), required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.initial.get("time_zone") or ""
        areas, english = localized_zone_choices()
        choices = [("", _("— only the session's own time —")), *areas]
        if current and not any(current == name for _area, zones in zone_choices() for name, _place in zones):
            # An older name the browser reported ("Asia/Calcutta") stays selectable, by that name.
            choices.append((current, current))
            if not _page_in_english():
                english.add(current)
        self.fields["time_zone"].widget = ZoneSelect(choices=choices, english_values=english)

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        if name and not is_known_zone(name):
            raise forms.ValidationError(INVALID_ZONE)
        return name
