"""The platform's roles, as Django groups with their model permissions.

Page-level rights (what a lecturer may edit, who may publish) are granted by
Wagtail page permissions and workflows where the pages live (courses/).
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


ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")

# (app_label, model, codename) per role. Later apps grant their own model,
# page and collection permissions in their data migrations, using
# role_permissions_grant() for model permissions.
ROLE_PERMISSIONS: dict[Role, list[tuple[str, str, str]]] = {
    Role.PARENT: [],
    Role.LECTURER: [ACCESS_ADMIN],
    Role.REVIEWER: [ACCESS_ADMIN],
    Role.TEACHER: [],
    Role.SCHOOL_ADMIN: [ACCESS_ADMIN],
    Role.BUREAU_ADMIN: [ACCESS_ADMIN],
    Role.STATION_STAFF: [],
    Role.PARTNER: [],
    Role.LEDGER_OFFICER: [ACCESS_ADMIN],
}


def role_permissions_grant(apps, role: str, permissions: list[tuple[str, str, str]]) -> None:
    """Create the role's group if needed and give it `permissions`.

    Takes the migration state's `apps` so it works inside data migrations,
    before post_migrate has created the permission rows.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    group, _created = group_model.objects.get_or_create(name=role)
    for app_label, model, codename in permissions:
        content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = permission_model.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        group.permissions.add(permission)


def roles_create(apps, schema_editor=None) -> None:
    for role, permissions in ROLE_PERMISSIONS.items():
        role_permissions_grant(apps, role.value, permissions)
