"""Where people reach care notices from lower floors' pages (lms.core slots and header)."""

from __future__ import annotations

from django.utils import timezone

from lms.care import selectors


def my_learning_context(request) -> dict:
    """The family's entry on My learning: only for a guardian with a child at a school."""
    user = request.user
    if not selectors.students_of_family(user=user):
        return {"shown": False}
    today = timezone.localdate()
    current = [n for n in selectors.notices_of_family(user=user) if n.status_on(today) != "ended"]
    return {"shown": True, "current": current}


def class_panel_context(request) -> dict:
    """The class page's panel: the head teacher's (or an administrator's) current notices."""
    match = getattr(request, "resolver_match", None)
    class_id = match.kwargs.get("class_id") if match else None
    count = (
        selectors.class_notices_current(user=request.user, class_id=class_id)
        if isinstance(class_id, int)
        else None
    )
    return {"shown": count is not None, "count": count or 0, "class_id": class_id}


def staff_home_context(request) -> dict:
    return {"shown": selectors.may_receive(user=request.user)}
