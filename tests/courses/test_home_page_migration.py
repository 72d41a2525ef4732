"""A database made while the home page was lms.home's keeps its page, table and content type.

Unapplying courses' 0005 leaves the database as the old `home` app left it (its table
`home_homepage`, the content type (home, homepage)); applying it again is the upgrade.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from courses.models import HomePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("courses", "0004_lesson_transcript_help")]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


@pytest.fixture
def old_database():
    """The database as lms.home left it; migrated to the latest state again afterwards."""
    home = HomePage.objects.get()
    _migrate(BEFORE)
    yield home
    _migrate()
    # Warm the content-type cache again as the test database had it: restoring the serialized
    # rows after this test must not meet handlers that create content types on a cache miss.
    ContentType.objects.get_for_models(*apps.get_models())


def _tables():
    return connection.introspection.table_names()


def _permission_codenames(content_type_id):
    return set(
        Permission.objects.filter(content_type_id=content_type_id).values_list(
            "codename", flat=True
        )
    )


def _home_content_type():
    return ContentType.objects.filter(model="homepage").values_list("app_label", flat=True)


def test_before_the_move_the_database_looks_as_the_home_app_left_it(old_database):
    assert "home_homepage" in _tables() and "courses_homepage" not in _tables()
    assert list(_home_content_type()) == ["home"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT page_ptr_id FROM home_homepage")
        assert [row[0] for row in cursor.fetchall()] == [old_database.pk]


def test_upgrading_keeps_the_home_page_its_rows_and_its_type(old_database):
    content_type_id = Page.objects.get(pk=old_database.pk).content_type_id
    _migrate()
    assert "courses_homepage" in _tables() and "home_homepage" not in _tables()
    assert list(_home_content_type()) == ["courses"]
    page = Page.objects.get(pk=old_database.pk)
    assert page.content_type_id == content_type_id
    home = page.specific
    assert isinstance(home, HomePage)
    assert (home.title, home.slug, home.intro) == (
        old_database.title,
        old_database.slug,
        old_database.intro,
    )
    assert _permission_codenames(content_type_id) >= {"add_homepage", "change_homepage"}


def test_a_content_type_made_early_for_the_new_app_gives_way_to_the_old_one(old_database):
    old_id = Page.objects.get(pk=old_database.pk).content_type_id
    ContentType.objects.create(app_label="courses", model="homepage")
    _migrate()
    assert ContentType.objects.filter(model="homepage").count() == 1
    assert ContentType.objects.get_for_model(HomePage).pk == old_id
    assert isinstance(Page.objects.get(pk=old_database.pk).specific, HomePage)
