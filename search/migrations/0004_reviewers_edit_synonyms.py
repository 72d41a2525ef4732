"""Once granted reviewers and the bureau the synonym permissions; search/grants.py declares
them now and lms.accounts' roles_sync applies them after every migrate. Kept, empty, for
the migration history (and, no longer granting, it no longer waits for lms.accounts)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
