"""The ledger's link on the school staff's home page (a lms.core.panels slot): shown only to
those the ledger lets in (anyone else would meet a 404 and an audited refusal)."""

from __future__ import annotations

from lms.support.access import is_designated


def ledger_link_context(request) -> dict:
    return {"shown": is_designated(user=request.user)}
