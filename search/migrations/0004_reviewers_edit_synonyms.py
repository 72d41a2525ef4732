from django.db import migrations

# The role names of lms.accounts.roles, inlined: migrations never import application code.
ROLES = ("Reviewer", "BureauAdmin")
PERMISSIONS = [
    ("search", "synonymgroup", f"{action}_synonymgroup")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    # As lms.accounts.roles.role_permissions_grant did: the permission rows may not exist yet
    # (post_migrate makes them), so they are made here.
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    for role in ROLES:
        group, _created = group_model.objects.get_or_create(name=role)
        for app_label, model, codename in PERMISSIONS:
            content_type, _ = content_type_model.objects.get_or_create(
                app_label=app_label, model=model
            )
            permission, _ = permission_model.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": codename.replace("_", " ").capitalize()},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms"), ("accounts", "0004_catalogue_permissions")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
