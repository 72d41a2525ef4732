"""Catalogue, course and lesson pages cost a bounded number of queries, however big."""

import pytest

from courses.models import CourseIndexPage
from tests.courses.factories import LecturerFactory, course_add, lesson_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_catalogue():
    lecturer = LecturerFactory()
    courses = []
    for n in range(100):
        course = course_add(
            title=f"课程{n}",
            stages=["primary_lower", "junior"],
            topics=["亲子沟通", f"标签{n}"],
            lecturer=lecturer,
        )
        for m in range(3):
            lesson_add(course, title=f"第{m + 1}课")
        courses.append(course)
    return courses


def test_catalogue_page(client, big_catalogue, django_assert_max_num_queries):
    client.get(CourseIndexPage.objects.get().url)  # warm caches such as the site root
    with django_assert_max_num_queries(20):
        response = client.get(CourseIndexPage.objects.get().url)
    assert response.content.decode().count("course-card") == 100


def test_course_page(client, big_catalogue, django_assert_max_num_queries):
    client.get(big_catalogue[50].url)
    with django_assert_max_num_queries(20):
        assert client.get(big_catalogue[50].url).status_code == 200


def test_lesson_page(client, big_catalogue, django_assert_max_num_queries):
    lesson = big_catalogue[50].get_children().last()
    client.get(lesson.url)
    with django_assert_max_num_queries(20):
        assert client.get(lesson.url).status_code == 200
