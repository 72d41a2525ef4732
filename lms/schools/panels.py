"""The school's assignments on the family's My learning page (a lms.core.panels slot)."""

from __future__ import annotations

from lms.schools.selectors.families import assignments_for_family


def family_assignments_context(request) -> dict:
    return {"items": assignments_for_family(user=request.user, include_done=False)}
