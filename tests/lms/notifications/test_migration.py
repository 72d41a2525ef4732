"""The notification table moved apps in state only: rows written before the move survive it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("schools", "0003_guardian_confirmed"), ("notifications", None)]
AFTER = [("schools", "0004_notification_moved"), ("notifications", "0001_initial")]


def _migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # (app, None) means "none of it": the state is that of the other targets.
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_notice_written_by_the_schools_app_is_read_by_the_notifications_app_after_upgrade():
    old = _migrate(BEFORE)
    user = old.get_model("accounts", "User").objects.create(username="before-the-move")
    old.get_model("schools", "Notification").objects.create(
        user_id=user.pk, title="旧通知", url="/learning/"
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="notifications").delete()
    ContentType.objects.get_or_create(app_label="schools", model="notification")

    new = _migrate(AFTER)
    with pytest.raises(LookupError):
        new.get_model("schools", "Notification")
    [note] = new.get_model("notifications", "Notification").objects.filter(user_id=user.pk)
    assert (note.title, note.url, note.read_at) == ("旧通知", "/learning/", None)
    assert new.get_model("notifications", "Notification")._meta.db_table == "schools_notification"
    moved = new.get_model("contenttypes", "ContentType").objects.filter(model="notification")
    assert list(moved.values_list("app_label", flat=True)) == ["notifications"]
    _migrate_to_latest()  # tables of older states hold users; the flush after cannot know them


@pytest.mark.django_db
def test_the_model_keeps_the_table_and_index_names_of_before():
    from lms.notifications.models import Notification

    assert Notification._meta.db_table == "schools_notification"
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "schools_notification")
    assert "schools_not_user_id_60a468_idx" in indexes
