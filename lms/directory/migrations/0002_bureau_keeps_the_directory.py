from django.db import migrations

from lms.accounts.roles import role_permissions_grant

PERMISSIONS = [
    ("directory", "venue", f"{action}_venue") for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    role_permissions_grant(apps, "BureauAdmin", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial"), ("accounts", "0004_catalogue_permissions")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
