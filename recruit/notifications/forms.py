from django import forms


class NotificationSettingsForm(forms.Form):
    """One checkbox per topic offered to the user, ticked while the topic is on. Anything else posted is ignored."""

    def __init__(self, *args, topics, preferences: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for topic in topics:
            self.fields[topic.slug] = forms.BooleanField(
                label=topic.label, help_text=topic.help, required=False, initial=preferences.get(topic.slug, True)
            )

    def choices(self) -> dict[str, bool]:
        """Topic slug -> on or off, as ticked."""
        return {slug: bool(self.cleaned_data[slug]) for slug in self.fields}
