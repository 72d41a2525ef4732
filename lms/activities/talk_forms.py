"""The organiser's replay picker on a talk's sign-up page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.activities.talk_selectors import ReplayChoices


def _minutes(seconds: float | None) -> str:
    return f"{round((seconds or 0) / 60)} min"


class TalkReplayForm(forms.Form):
    """One choice, "asset:<id>" or "lesson:<id>", grouped as recordings and lessons."""

    replay = forms.ChoiceField(label=_("Recording or lesson to attach as the replay"))

    def __init__(self, *args, choices: ReplayChoices, **kwargs):
        super().__init__(*args, **kwargs)
        groups = []
        if choices.assets:
            groups.append(
                (
                    _("Recordings"),
                    [
                        (f"asset:{a.pk}", f"{a.title} · {_minutes(a.duration)}")
                        for a in choices.assets
                    ],
                )
            )
        if choices.lessons:
            groups.append(
                (
                    _("Lessons"),
                    [
                        (f"lesson:{x.pk}", f"{x.title} · {_minutes(x.media.duration)}")
                        for x in choices.lessons
                    ],
                )
            )
        self.fields["replay"].choices = groups

    @property
    def picked(self) -> dict[str, int]:
        """{"asset_id": …} or {"lesson_id": …} for talk_replay_attach."""
        kind, _sep, pk = self.cleaned_data["replay"].partition(":")
        return {f"{kind}_id": int(pk)}


class OnlineReplayForm(TalkReplayForm):
    """An online activity's recording and the share of it to watch to count as attending."""

    share = forms.CharField(
        label=_("Share to watch to count as attending (0.1–1, e.g. 0.6)"), max_length=8
    )
