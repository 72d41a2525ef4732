"""Once granted the media permissions; media_pipeline/grants.py declares them now and
roles_sync applies them after every migrate. Kept, empty, for the migration history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("media_pipeline", "0001_initial"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
