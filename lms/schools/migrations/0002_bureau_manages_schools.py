from django.db import migrations

from lms.accounts.roles import role_permissions_grant

PERMISSIONS = [
    ("schools", model, f"{action}_{model}")
    for model in ("school", "schoolstaff")
    for action in ("add", "change", "view")
]


def grant(apps, schema_editor):
    # The bureau registers schools and appoints their administrators; it does not
    # edit classes, families or assignments (those pages are read-only for it).
    role_permissions_grant(apps, "BureauAdmin", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial"), ("accounts", "0004_catalogue_permissions")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
