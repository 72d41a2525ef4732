"""The platform's roles, as Django groups, and the checks on them.

What each role may do is declared by the apps, in their own grants.py (model, page and
collection permissions, the review workflow), and applied by roles_sync; docs/roles.md
shows the result.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    PARENT = "Parent", pgettext_lazy("role", "Parent")
    LECTURER = "Lecturer", pgettext_lazy("role", "Lecturer")
    REVIEWER = "Reviewer", pgettext_lazy("role", "Reviewer")
    TEACHER = "Teacher", pgettext_lazy("role", "Teacher")
    SCHOOL_ADMIN = "SchoolAdmin", pgettext_lazy("role", "School administrator")
    BUREAU_ADMIN = "BureauAdmin", pgettext_lazy("role", "Bureau administrator")
    STATION_STAFF = "StationStaff", pgettext_lazy("role", "Community station staff")
    PARTNER = "Partner", pgettext_lazy("role", "Partner department (read-only)")
    # Names who may open the support ledger; no other role may (lms/support grants it).
    LEDGER_OFFICER = "LedgerOfficer", pgettext_lazy("role", "Ledger officer")


def role_held(user, role: Role) -> bool:
    """Whether a signed-in user belongs to the role's group (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=role.value).exists()


def is_bureau(user) -> bool:
    return role_held(user, Role.BUREAU_ADMIN)
