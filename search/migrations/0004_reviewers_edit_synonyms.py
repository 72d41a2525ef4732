from django.db import migrations

from lms.accounts.roles import role_permissions_grant

PERMISSIONS = [
    ("search", "synonymgroup", f"{action}_synonymgroup")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    for role in ("Reviewer", "BureauAdmin"):
        role_permissions_grant(apps, role, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms"), ("accounts", "0004_catalogue_permissions")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
