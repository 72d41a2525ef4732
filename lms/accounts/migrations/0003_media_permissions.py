from django.db import migrations

from lms.accounts.roles import Role, role_permissions_grant

MEDIA = ("media_pipeline", "mediaasset")


def grant(apps, schema_editor):
    own_media = [(*MEDIA, "add_mediaasset"), (*MEDIA, "change_mediaasset"), (*MEDIA, "view_mediaasset")]
    role_permissions_grant(apps, Role.LECTURER.value, own_media)
    role_permissions_grant(
        apps,
        Role.REVIEWER.value,
        [*own_media, (*MEDIA, "delete_mediaasset"), (*MEDIA, "view_all_media")],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("media_pipeline", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
