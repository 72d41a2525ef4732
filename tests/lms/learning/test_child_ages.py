"""Age pickers and suggestions start from the signed-in parent's children (the "0 岁" bug:
the pickers had no selected option, so every browser showed the first one, 0)."""

import datetime

import pytest
from django.urls import reverse

from lms.learning.selectors import children_ages, recommendations_for
from lms.learning.services import child_add
from tests.courses.factories import course_add

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 11, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY)


def _selected(html: str, select_id: str) -> str:
    start = html.index(f'id="{select_id}"')
    picker = html[start : html.index("</select>", start)]
    chosen = [part for part in picker.split("<option")[1:] if " selected" in part]
    assert len(chosen) <= 1
    return chosen[0].split('value="', 1)[1].split('"', 1)[0] if chosen else ""


def test_a_child_born_in_2018_is_8_and_stages_or_months_count_too(parent):
    child_add(guardian=parent, nickname="大宝", relation="mother", birth_year=2018)
    child_add(guardian=parent, nickname="二宝", relation="mother", birth_year=2022, birth_month=12)
    child_add(guardian=parent, nickname="三宝", relation="mother", stage="junior")
    assert children_ages(user=parent) == [8, 3, 12]


def test_no_children_or_a_visitor_has_no_ages(parent, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert children_ages(user=parent) == [] and children_ages(user=AnonymousUser()) == []


def test_the_home_picker_starts_at_the_childs_age_not_at_0(client, parent):
    child_add(guardian=parent, nickname="大宝", relation="mother", birth_year=2018)
    client.force_login(parent)
    assert _selected(client.get("/").content.decode(), "home-age") == "8"


def test_a_visitor_sees_any_age_rather_than_0(client):
    html = client.get("/").content.decode()
    assert _selected(html, "home-age") == ""
    assert '<option value="">' in html[html.index('id="home-age"') :]


def test_the_search_picker_starts_at_the_childs_age_and_then_says_what_filtered(client, parent):
    child_add(guardian=parent, nickname="大宝", relation="mother", birth_year=2018)
    client.force_login(parent)
    assert _selected(client.get(reverse("search")).content.decode(), "search-age") == "8"
    # With results shown the picker tells the truth: no age was asked for, or another one.
    assert (
        _selected(client.get(reverse("search"), {"q": "作业"}).content.decode(), "search-age") == ""
    )
    chosen = client.get(reverse("search"), {"q": "作业", "age": "12"}).content.decode()
    assert _selected(chosen, "search-age") == "12"


def test_suggestions_follow_a_child_born_in_2018(parent):
    course_add(title="小学中段课程", stages=["primary_middle"])
    course_add(title="幼儿园课程", stages=["kindergarten"])
    child_add(guardian=parent, nickname="大宝", relation="mother", birth_year=2018)
    assert [course.title for course in recommendations_for(user=parent)] == ["小学中段课程"]
