import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import HomePage

pytestmark = pytest.mark.django_db


def test_home_page_is_served_at_the_root_in_chinese(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "网上家长学校" in html
    assert "大字" in html  # the large-text toggle
    assert "登录" in html


def test_english_is_available(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Large text" in html
    assert "Sign in" in html


def test_unknown_path_gets_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "返回首页" in response.content.decode() or "首页" in response.content.decode()


class HomePageRulesTests(WagtailPageTestCase):
    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_only_one_home_page(self):
        root = Page.get_first_root_node()
        self.assertFalse(HomePage.can_create_at(root))


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html


def test_home_page_leads_into_the_catalogue_by_age(client):
    html = client.get("/").content.decode()
    assert 'action="/courses/"' in html and 'name="age"' in html
    for title in ("家庭教育课程", "讲师团讲座", "讲师团"):
        assert title in html
