"""The family's guidance activities and lecturer-team talks on My learning (lms.core.panels
slots)."""

from __future__ import annotations

from django.utils import timezone

from lms.activities.selectors import activities_for_family
from lms.activities.talk_selectors import talks_signed_up


def family_activities_context(request) -> dict:
    return {"items": activities_for_family(user=request.user)}


def family_talks_context(request) -> dict:
    return {"items": talks_signed_up(user=request.user, today=timezone.localdate())}
