"""Upgrading: the old reminder switch becomes "assigned courses off", and notices stored before
delivery existed count as delivered (the first digest does not flood anyone)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("schools", "0005_english_labels"), ("notifications", "0003_delivery")]
AFTER = [
    ("schools", "0006_reminder_opt_out_moved"),
    ("notifications", "0004_settle_and_move_opt_outs"),
]


def _migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reminder_opt_outs_become_assignment_opt_outs_and_old_notices_count_as_delivered():
    old = _migrate(BEFORE)
    User = old.get_model("accounts", "User")
    switched_off, stayed_on = (User.objects.create(username=n) for n in ("off", "on"))
    old.get_model("schools", "ReminderOptOut").objects.create(user_id=switched_off.pk)
    note = old.get_model("notifications", "Notification").objects.create(
        user_id=stayed_on.pk, title="旧通知", kind="assignment"
    )

    new = _migrate(AFTER)

    with pytest.raises(LookupError):
        new.get_model("schools", "ReminderOptOut")
    opt_outs = new.get_model("notifications", "KindOptOut").objects.all()
    assert list(opt_outs.values_list("user_id", "kind")) == [(switched_off.pk, "assignment")]
    moved = new.get_model("notifications", "Notification").objects.get(pk=note.pk)
    assert moved.delivered_at == moved.created_at

    # And back: the switch is restored from the opt-out.
    back = _migrate(BEFORE)
    rows = back.get_model("schools", "ReminderOptOut").objects.values_list("user_id", flat=True)
    assert list(rows) == [switched_off.pk]
    _migrate_to_latest()  # tables of older states hold users; the flush after cannot know them
