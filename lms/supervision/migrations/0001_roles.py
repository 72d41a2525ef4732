from django.db import migrations

from lms.accounts.roles import role_permissions_grant


def grant(apps, schema_editor):
    role_permissions_grant(apps, "StationStaff", [])
    role_permissions_grant(apps, "Partner", [])
    role_permissions_grant(
        apps,
        "BureauAdmin",
        [
            ("activities", "station", "add_station"),
            ("activities", "station", "change_station"),
            ("activities", "station", "view_station"),
            ("activities", "community", "add_community"),
            ("activities", "community", "change_community"),
            ("activities", "community", "view_community"),
            ("support", "designation", "add_designation"),
            ("support", "designation", "delete_designation"),
            ("support", "designation", "view_designation"),
        ],
    )


class Migration(migrations.Migration):
    """Station staff and partner departments as roles; the bureau manages stations and who
    is designated for the support ledger."""

    dependencies = [
        ("accounts", "0004_catalogue_permissions"),
        ("activities", "0001_initial"),
        ("support", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
