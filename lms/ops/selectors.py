"""Health of the parts the platform depends on."""

from __future__ import annotations

from django.db import connection

from lms.ops.broker import broker_kind, broker_status
from search.selectors import search_backend_status

OK, DEGRADED, DOWN = "ok", "degraded", "down"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return DOWN
    return OK


def health_report() -> dict:
    """Each part 'ok', 'degraded' or 'down', and the whole: down if the database is."""
    search = search_backend_status()
    parts = {"database": database_status(), "broker": broker_status(), "search": search.status}
    return {
        "status": health_overall(parts),
        **parts,
        "backends": {
            "database": connection.vendor,
            "broker": broker_kind(),
            "search": search.backend,
        },
    }


def health_overall(parts: dict[str, str]) -> str:
    """Down without the database (nothing works); degraded if anything else is not ok."""
    if parts.get("database") == DOWN:
        return DOWN
    return OK if all(value == OK for value in parts.values()) else DEGRADED
