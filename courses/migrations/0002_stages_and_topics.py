"""The stages and the curated topics as they were when this migration was written.

A copy, not an import of courses.vocabulary: migrations never import application code, so
changing the vocabulary later cannot change what this migration did.
"""

from django.db import migrations

# (code, name, min_age, max_age)
STAGES = (
    ("infant", "0–3岁", 0, 2),
    ("kindergarten", "幼儿园", 3, 5),
    ("primary_lower", "小学1–2年级", 6, 7),
    ("primary_middle", "小学3–4年级", 8, 9),
    ("primary_upper", "小学5–6年级", 10, 11),
    ("junior", "初中", 12, 14),
    ("senior", "高中", 15, 17),
)
CURATED_TOPICS = (
    "亲子沟通",
    "习惯养成",
    "情绪管理",
    "心理健康",
    "学习指导",
    "安全教育",
    "网络素养与手机管理",
    "劳动教育",
    "阅读",
    "体育锻炼与健康",
    "家风家教",
    "法治教育",
    "家庭教育促进法",
    "青春期教育",
    "幼小衔接",
    "小升初",
    "生涯规划",
    "祖辈协同教养",
    "特殊需要儿童",
    "留守儿童关爱",
)


def seed(apps, schema_editor):
    stage_model = apps.get_model("courses", "Stage")
    for order, (code, name, min_age, max_age) in enumerate(STAGES):
        stage_model.objects.update_or_create(
            code=code,
            defaults={"name": name, "min_age": min_age, "max_age": max_age, "sort_order": order},
        )
    topic_model = apps.get_model("courses", "Topic")
    for order, name in enumerate(CURATED_TOPICS):
        topic_model.objects.update_or_create(
            name=name, defaults={"slug": f"topic-{order + 1}", "curated": True, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
