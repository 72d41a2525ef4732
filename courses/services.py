"""Writes to the catalogue outside the page editor."""

from __future__ import annotations

from django.db import transaction

from courses.models import (
    CourseIndexPage,
    HomePage,
    LecturerIndexPage,
    TalkIndexPage,
)

SITE_NAME = "网上家长学校"
HOME_INTRO = (
    "<p>面向全县家长的家庭教育课程、讲师团讲座和学校指导。"
    "按孩子的年龄找到合适的内容，随时学、接着学。</p>"
)
# The fixed sections under the home page, in the order they are shown.
SECTIONS = [
    (
        CourseIndexPage,
        "家庭教育课程",
        "courses",
        "<p>按孩子的年龄和关心的话题，找到适合您的家庭教育课程。</p>",
    ),
    (
        TalkIndexPage,
        "讲师团讲座",
        "talks",
        "<p>县家庭教育讲师团的专题讲座：近期直播和往期回放。</p>",
    ),
    (
        LecturerIndexPage,
        "讲师团",
        "lecturers",
        "<p>由五老、劳动模范、道德模范、教师、医生、心理咨询师和民警组成的县家庭教育讲师团。</p>",
    ),
]


@transaction.atomic
def site_tree_ensure() -> HomePage | None:
    """The home page as the default site's root, and each section under it; idempotent.

    Keeps whatever exists (an editor's titles and texts stay). None when the database has no
    root page, as after a test flush.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Site

    home = HomePage.objects.filter(depth=2).order_by("path").first()
    if home is None:
        if Page.get_first_root_node() is None:
            return None
        # Wagtail's initial migration leaves a placeholder "Welcome" page (and a site) at /home/.
        Page.objects.filter(
            depth=2, slug="home", content_type=ContentType.objects.get_for_model(Page)
        ).delete()
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=SITE_NAME, slug="home", intro=HOME_INTRO, live=True)
        )
        Site.objects.filter(is_default_site=True).delete()
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=SITE_NAME
        )
    for model, title, slug, intro in SECTIONS:
        if not model.objects.exists():
            home.add_child(instance=model(title=title, slug=slug, intro=intro, live=True))
            home.refresh_from_db()
    return home
