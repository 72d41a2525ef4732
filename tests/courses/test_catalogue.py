"""The catalogue file's schema: each problem with its JSON path, listed in the file's order."""

import pytest

from courses.catalogue import catalog_check

pytestmark = pytest.mark.django_db


def test_a_section_that_is_not_a_list_is_the_only_problem_reported(tmp_path):
    data = {"lecturers": "x", "courses": [{"title": ""}], "talks": 3}
    assert catalog_check(data, base_dir=tmp_path) == [
        "lecturers: must be a list",
        "talks: must be a list",
    ]


def test_lesson_problems_are_listed_lesson_by_lesson_in_field_order(tmp_path):
    (tmp_path / "empty.mp4").write_bytes(b"")
    lessons = [
        3,
        {"key": "l1"},
        {"title": "x", "media": ""},
        {"key": "l3", "title": "t", "media": 5, "duration_seconds": 99999},
        {"key": "l4", "title": "t", "media": "empty.mp4", "body": "b" * 100001},
        {"key": "l5", "title": "t", "media": "missing.mp4", "duration_seconds": "5"},
    ]
    data = {"courses": [{"key": "c", "title": "t", "credit_hours": -1, "lessons": lessons}]}
    assert catalog_check(data, base_dir=tmp_path) == [
        "courses[0].credit_hours: must be a number from 0 to 99",
        "courses[0].lessons[0]: must be an object",
        "courses[0].lessons[1].title: missing",
        "courses[0].lessons[1]: a lesson needs media or a body (a reading lesson)",
        "courses[0].lessons[2].key: missing",
        "courses[0].lessons[2].media: must be a file path or null",
        "courses[0].lessons[2]: a lesson needs media or a body (a reading lesson)",
        "courses[0].lessons[3].media: must be a file path or null",
        "courses[0].lessons[3].duration_seconds: must be a number from 0 to 21600",
        "courses[0].lessons[4].body: longer than 100000 characters",
        'courses[0].lessons[4].media: "empty.mp4" is empty',
        'courses[0].lessons[5].media: cannot read "missing.mp4"',
        "courses[0].lessons[5].duration_seconds: must be a number from 0 to 21600",
    ]


def test_keys_are_unique_per_kind_across_the_whole_file(tmp_path):
    lesson = {"key": "l", "title": "t", "body": "正文"}
    course = {"key": "c", "title": "t", "lessons": [lesson]}
    talk = {"key": "t", "title": "t", "date": "2026-03-15"}
    data = {"courses": [course, course], "talks": [talk, "x", {**talk, "title": "", "summary": 5}]}
    assert catalog_check(data, base_dir=tmp_path) == [
        'courses[1].key: duplicate key "c" (also courses[0])',
        'courses[1].lessons[0].key: duplicate key "l" (also courses[0].lessons[0])',
        "talks[1]: must be an object",
        'talks[2].key: duplicate key "t" (also talks[0])',
        "talks[2].title: missing",
        "talks[2].summary: must be text",
    ]


def test_wrong_kinds_of_values_get_the_same_words_as_before(tmp_path):
    data = {
        "lecturers": [{"key": " ", "name": None, "title": 5, "bio": "x" * 10001}],
        "talks": [{"key": "t", "title": "t", "stages": "junior", "topics": [""], "lecturer": 7}],
    }
    assert catalog_check(data, base_dir=tmp_path) == [
        "lecturers[0].key: missing",
        "lecturers[0].name: missing",
        "lecturers[0].title: must be text",
        "lecturers[0].bio: longer than 10000 characters",
        "talks[0].stages: must be a list of stage codes or names",
        "talks[0].topics[0]: must be a topic name of 1–100 characters",
        'talks[0].lecturer: unknown lecturer key "7"',
        'talks[0].date: "None" is not a date like 2026-03-15',
    ]


def test_a_talk_date_given_as_a_number_is_a_problem_not_a_failed_import(tmp_path):
    data = {"talks": [{"key": "t", "title": "t", "date": 20260315}]}
    assert 'talks[0].date: "20260315" is not a date like 2026-03-15' in catalog_check(
        data, base_dir=tmp_path
    )
