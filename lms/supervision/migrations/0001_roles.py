"""Once created the station staff and partner groups and granted the bureau the station
permissions; Role and lms/activities/grants.py declare them now and roles_sync applies
them after every migrate. Kept, empty, for the migration history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_catalogue_permissions"),
        ("activities", "0001_initial"),
        ("support", "0001_initial"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
