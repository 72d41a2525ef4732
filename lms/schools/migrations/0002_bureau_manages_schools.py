"""Once granted the bureau its school permissions; lms/schools/grants.py declares them now
and roles_sync applies them after every migrate. Kept, empty, for the migration history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial"), ("accounts", "0004_catalogue_permissions")]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
