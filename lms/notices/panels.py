"""The family's notices on My learning and the senders' link on the staff home page
(lms.core.panels slots filled from NoticesConfig.ready)."""

from __future__ import annotations

from lms.notices.selectors import may_post, notices_for_family


def family_notices_context(request) -> dict:
    items = notices_for_family(user=request.user, limit=3)
    return {"items": items}


def staff_link_context(request) -> dict:
    return {"shown": may_post(user=request.user)}
