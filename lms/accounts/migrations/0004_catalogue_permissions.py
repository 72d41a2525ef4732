"""Once granted the catalogue's page, collection and model permissions and created the
county review workflow; courses/grants.py declares them now and roles_sync applies them
after every migrate. Kept, empty, for the migration history (it no longer needs the home
page app, so it no longer depends on it)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_media_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
