"""Who reads the supervision pages."""

from __future__ import annotations

from lms.accounts import roles
from lms.accounts.roles import Role


def may_supervise(*, user) -> bool:
    """The bureau, and read-only partner departments (women's federation, civil affairs)."""
    return roles.is_bureau(user) or roles.role_held(user, Role.PARTNER)
