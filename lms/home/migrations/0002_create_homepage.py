"""Replace Wagtail's placeholder welcome page with the parent school's home page."""

from django.db import migrations

INTRO = (
    "<p>面向全县家长的家庭教育课程、讲师团讲座和学校指导。"
    "按孩子的年龄找到合适的内容，随时学、接着学。</p>"
)


def create_homepage(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    site_model = apps.get_model("wagtailcore", "Site")
    home_page_model = apps.get_model("home", "HomePage")
    locale_model = apps.get_model("wagtailcore", "Locale")

    # Wagtail's initial migration leaves a "Welcome" page at /home/.
    page_model.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()

    content_type, _ = content_type_model.objects.get_or_create(model="homepage", app_label="home")
    locale = locale_model.objects.order_by("pk").first()
    home = home_page_model.objects.create(
        title="网上家长学校",
        draft_title="网上家长学校",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro=INTRO,
        live=True,
    )
    site_model.objects.filter(is_default_site=True).delete()
    site_model.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="网上家长学校"
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("home", "HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
