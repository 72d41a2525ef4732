"""Once made naming ledger staff the ledger officer's alone (taking it from the bureau);
lms/support/grants.py declares that now and roles_sync applies it after every migrate,
removing the designation permissions from every other role. Kept, empty, for the history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0002_ledger_officer"),
        ("supervision", "0001_roles"),
    ]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
