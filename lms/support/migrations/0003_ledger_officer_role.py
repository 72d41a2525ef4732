"""Naming ledger staff becomes the ledger officer's alone (台账管理员, named at set-up):
a bureau administrator no longer may, so nobody can hand themselves the ledger."""

from django.db import migrations

from lms.accounts.roles import ACCESS_ADMIN, role_permissions_grant

DESIGNATION = [
    ("support", "designation", f"{action}_designation")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    role_permissions_grant(apps, "LedgerOfficer", [ACCESS_ADMIN, *DESIGNATION])
    bureau = apps.get_model("auth", "Group").objects.filter(name="BureauAdmin").first()
    if bureau is not None:
        bureau.permissions.remove(
            *bureau.permissions.filter(
                content_type__app_label="support", content_type__model="designation"
            )
        )


def ungrant(apps, schema_editor):
    role_permissions_grant(apps, "BureauAdmin", [DESIGNATION[0], *DESIGNATION[2:]])


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0002_ledger_officer"),
        ("supervision", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, ungrant)]
