"""The page tree every install starts with, built by site_tree_ensure after migrate."""

import pytest
from wagtail.models import Page, Site

from courses.models import CourseIndexPage, HomePage, LecturerIndexPage, TalkIndexPage
from courses.services import HOME_INTRO, SITE_NAME, site_tree_ensure

pytestmark = pytest.mark.django_db

SECTIONS = {
    CourseIndexPage: ("家庭教育课程", "/courses/"),
    TalkIndexPage: ("讲师团讲座", "/talks/"),
    LecturerIndexPage: ("讲师团", "/lecturers/"),
}


def _tree():
    return list(Page.objects.order_by("path").values_list("path", "slug", "title", "live"))


def test_a_migrated_database_has_the_home_page_as_the_default_site_and_the_three_sections():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert (home.title, home.slug, home.intro, site.site_name) == (
        SITE_NAME,
        "home",
        HOME_INTRO,
        SITE_NAME,
    )
    assert home.depth == 2 and home.live
    for model, (title, url) in SECTIONS.items():
        section = model.objects.child_of(home).get()
        assert (section.title, section.url, section.live) == (title, url, True)
        assert section.intro.startswith("<p>")


def test_ensuring_again_changes_nothing_and_keeps_what_editors_wrote():
    CourseIndexPage.objects.update(title="课程")
    before = _tree()
    site_tree_ensure()
    site_tree_ensure()
    assert _tree() == before
    assert CourseIndexPage.objects.get().title == "课程"


def test_a_missing_section_is_made_again_under_the_home_page():
    TalkIndexPage.objects.get().delete()
    home = site_tree_ensure()
    talks = TalkIndexPage.objects.child_of(home).get()
    assert (talks.title, talks.url) == SECTIONS[TalkIndexPage]
    assert Page.objects.get(pk=home.pk).numchild == 3
    assert Page.find_problems() == ([], [], [], [], [])


def test_from_wagtails_placeholder_the_home_page_takes_its_place_and_the_site():
    HomePage.objects.get().delete()
    root = Page.get_first_root_node()
    root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    Site.objects.create(
        hostname="localhost", root_page=Page.objects.get(slug="home"), is_default_site=True
    )

    home = site_tree_ensure()

    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert Site.objects.get().root_page_id == home.pk and home.url_path == "/home/"
    assert {type(child.specific) for child in home.get_children()} == set(SECTIONS)
    assert Page.find_problems() == ([], [], [], [], [])


def test_without_a_root_page_there_is_nothing_to_build():
    Page.objects.all().delete()
    assert site_tree_ensure() is None
    assert not Page.objects.exists()


def test_a_visitor_gets_no_suggestions_and_no_preselected_age(client):
    html = client.get("/").content.decode()
    assert "为您的孩子推荐" not in html
    assert (
        '<option value="0">0 岁</option>' in html
        and " selected>" not in html.split('id="home-age"')[1].split("</select>")[0]
    )
