# Two steps, with historical models only:
# - what was stored before delivery existed counts as delivered (no flood of old notices in
#   the first digest);
# - the old reminder switch (schools.ReminderOptOut, "stop reminders about courses due")
#   becomes "assigned courses off".

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(delivered_at__isnull=True).update(delivered_at=F("created_at"))
    ReminderOptOut = apps.get_model("schools", "ReminderOptOut")
    KindOptOut = apps.get_model("notifications", "KindOptOut")
    taken = set(KindOptOut.objects.filter(kind="assignment").values_list("user_id", flat=True))
    KindOptOut.objects.bulk_create(
        [
            KindOptOut(user_id=user_id, kind="assignment")
            for user_id in ReminderOptOut.objects.values_list("user_id", flat=True)
            if user_id not in taken
        ],
        batch_size=500,
    )


def backwards(apps, schema_editor):
    ReminderOptOut = apps.get_model("schools", "ReminderOptOut")
    KindOptOut = apps.get_model("notifications", "KindOptOut")
    taken = set(ReminderOptOut.objects.values_list("user_id", flat=True))
    ReminderOptOut.objects.bulk_create(
        [
            ReminderOptOut(user_id=user_id)
            for user_id in KindOptOut.objects.filter(kind="assignment").values_list(
                "user_id", flat=True
            )
            if user_id not in taken
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_delivery"),
        ("schools", "0005_english_labels"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
