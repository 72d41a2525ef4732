"""The home page joins the catalogue, which now owns the whole page tree.

It used to be the `home` app's (lms.home, now gone). A database made before keeps its
`home_homepage` table and rows, and the (home, homepage) content type becomes
(courses, homepage), so every existing page keeps its type, permissions and workflow. A fresh
database gets the table here. The pages themselves are made by courses.services.site_tree_ensure
after migrate, with Wagtail's own tree API.
"""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

OLD_TABLE = "home_homepage"


def table_adopt(apps, schema_editor):
    """Create the table on a fresh database; an upgraded one already has it, rows and all."""
    if OLD_TABLE in schema_editor.connection.introspection.table_names():
        return
    schema_editor.create_model(apps.get_model("courses", "HomePage"))


def content_type_move(apps, schema_editor, *, source="home", target="courses"):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    content_type_model.objects.clear_cache()
    old = content_type_model.objects.filter(app_label=source, model="homepage").first()
    if old is None:
        return  # a fresh database: post_migrate creates the content type
    stray = content_type_model.objects.filter(app_label=target, model="homepage").first()
    if stray is not None:
        # Made by a post_migrate that ran before this migration: the pages keep the old row.
        apps.get_model("wagtailcore", "Page").objects.filter(content_type=stray).update(
            content_type=old
        )
        stray.delete()
    old.app_label = target
    old.save(update_fields=["app_label"])
    content_type_model.objects.clear_cache()


def content_type_move_back(apps, schema_editor):
    content_type_move(apps, schema_editor, source="courses", target="home")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0004_lesson_transcript_help"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "intro",
                            wagtail.fields.RichTextField(
                                blank=True,
                                help_text="A few sentences under the title, shown to every visitor.",
                                verbose_name="introduction",
                            ),
                        ),
                        ("body", wagtail.fields.RichTextField(blank=True, verbose_name="body")),
                    ],
                    options={"verbose_name": "home page", "db_table": OLD_TABLE},
                    bases=("wagtailcore.page",),
                ),
            ],
            database_operations=[],
        ),
        # After the state has the model, so the historical HomePage can create its own table.
        migrations.RunPython(table_adopt, migrations.RunPython.noop),
        migrations.RunPython(content_type_move, content_type_move_back),
        # Both paths now have the same table; one ordinary rename gives it the app's name.
        migrations.AlterModelTable(name="homepage", table=None),
    ]
