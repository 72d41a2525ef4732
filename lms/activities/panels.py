"""The family's guidance activities on My learning (a lms.core.panels slot)."""

from __future__ import annotations

from lms.activities.selectors import activities_for_family


def family_activities_context(request) -> dict:
    return {"items": activities_for_family(user=request.user)}
