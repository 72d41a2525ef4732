# Notification now belongs to lms.notifications, which keeps the table (state only).

from django.db import migrations


def content_type_move(apps, schema_editor):
    """Carry the content type (and so its permissions) over rather than leave it stale."""
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label='notifications', model='notification').exists():
        return
    ContentType.objects.using(db).filter(app_label='schools', model='notification').update(
        app_label='notifications'
    )


def content_type_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label='schools', model='notification').exists():
        return
    ContentType.objects.using(db).filter(app_label='notifications', model='notification').update(
        app_label='schools'
    )


class Migration(migrations.Migration):

    dependencies = [
        ('schools', '0003_guardian_confirmed'),
        ('notifications', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notification')],
            database_operations=[],
        ),
        migrations.RunPython(content_type_move, content_type_back),
    ]
