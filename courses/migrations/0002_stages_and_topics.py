from django.db import migrations

from courses.vocabulary import CURATED_TOPICS, STAGES


def seed(apps, schema_editor):
    stage_model = apps.get_model("courses", "Stage")
    for order, stage in enumerate(STAGES):
        stage_model.objects.update_or_create(
            code=stage.code,
            defaults={"name": stage.name, "min_age": stage.min_age, "max_age": stage.max_age,
                      "sort_order": order},
        )
    topic_model = apps.get_model("courses", "Topic")
    for order, name in enumerate(CURATED_TOPICS):
        topic_model.objects.update_or_create(
            name=name, defaults={"slug": f"topic-{order + 1}", "curated": True, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
