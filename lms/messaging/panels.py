"""The "contact the teacher" link on the family's My learning page (a lms.core.panels slot)."""

from __future__ import annotations

from lms.messaging.selectors import family_children, family_unread_count


def family_contact_context(request) -> dict:
    show = family_children(user=request.user).exists()
    return {"show": show, "unread": family_unread_count(user=request.user) if show else 0}
