"""The catalogue's fixed sections under the home page: courses, talks, the lecturer team."""

from django.db import migrations

SECTIONS = [
    ("courseindexpage", "家庭教育课程", "courses", "<p>按孩子的年龄和关心的话题，找到适合您的家庭教育课程。</p>"),
    ("talkindexpage", "讲师团讲座", "talks", "<p>县家庭教育讲师团的专题讲座：近期直播和往期回放。</p>"),
    ("lecturerindexpage", "讲师团", "lecturers", "<p>由五老、劳动模范、道德模范、教师、医生、心理咨询师和民警组成的县家庭教育讲师团。</p>"),
]


def create_sections(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    home_model = apps.get_model("home", "HomePage")
    home = home_model.objects.filter(depth=2).order_by("path").first()
    if home is None:
        return
    for model_name, title, slug, intro in SECTIONS:
        model = apps.get_model("courses", model_name)
        if model.objects.exists():
            continue
        content_type, _ = content_type_model.objects.get_or_create(app_label="courses", model=model_name)
        home.numchild += 1
        model.objects.create(
            title=title, draft_title=title, slug=slug, content_type=content_type,
            path=f"{home.path}{home.numchild:04d}", depth=home.depth + 1, numchild=0,
            url_path=f"{home.url_path}{slug}/", locale_id=home.locale_id, live=True, intro=intro,
        )
    home_model.objects.filter(pk=home.pk).update(numchild=home.numchild)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("courses", "0002_stages_and_topics"),
    ]
    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
