"""The preferences form on the notifications page: kinds in the digest, and its channel."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.notifications.models import Channel, Kind


class PreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Send me a daily digest of"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channel = forms.ChoiceField(
        label=_("Send it by"), choices=Channel.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, channels_open: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        # Only the channels that can reach this person (a verified number for SMS, …).
        self.fields["channel"].choices = [
            (value, label) for value, label in Channel.choices if value in channels_open
        ]
