# The reminder switch now lives in lms.notifications (per kind); its rows were copied there
# by notifications 0004 before this table goes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0005_english_labels"),
        ("notifications", "0004_settle_and_move_opt_outs"),
    ]

    operations = [migrations.DeleteModel(name="ReminderOptOut")]
