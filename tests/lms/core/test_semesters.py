"""Semester labels people read ("2026年秋季学期" / "Autumn semester 2026"), codes unchanged."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from lms.core.semesters import semester_label, semester_parse


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        ("2026-autumn", "2026年秋季学期", "Autumn semester 2026"),
        ("2027-spring", "2027年春季学期", "Spring semester 2027"),
    ],
)
def test_a_semester_reads_as_words_in_chinese_and_english(code, zh, en):
    semester = semester_parse(code)
    with translation.override("zh-hans"):
        assert semester_label(semester) == zh
    with translation.override("en"):
        assert semester_label(semester) == en
    assert semester.name == code  # links and file names keep the code


@override_settings(LMS_SEMESTERS="autumn:9-1,spring:2-6,summer:7-8")
def test_a_semester_named_in_settings_still_gets_a_label():
    with translation.override("zh-hans"):
        assert semester_label(semester_parse("2026-summer")) == "2026年summer学期"


def test_templates_show_the_label_through_a_filter():
    template = Template("{% load core_tags %}{{ semester|semester_label }}")
    with translation.override("zh-hans"):
        assert template.render(Context({"semester": semester_parse("2026-autumn")})) == (
            "2026年秋季学期"
        )


def test_in_the_summer_gap_the_current_semester_is_the_one_just_ended():
    from datetime import date

    from lms.core.semesters import semester_current, semester_recent

    assert semester_current(date(2026, 8, 15)).name == "2026-spring"
    assert semester_current(date(2026, 9, 1)).name == "2026-autumn"
    assert [s.name for s in semester_recent(date(2026, 8, 15), count=3)] == [
        "2026-spring",
        "2025-autumn",
        "2025-spring",
    ]


def test_an_unknown_semester_is_refused_in_chinese_naming_the_forms_that_work():
    from lms.core.errors import ServiceError

    with translation.override("zh-hans"), pytest.raises(ServiceError) as refused:
        semester_parse("2026-winter")
    assert str(refused.value) == "无法识别学期“2026-winter”，请写成 YYYY-autumn, YYYY-spring。"
    assert refused.value.field == "semester"


def test_a_school_year_runs_from_autumn_to_the_end_of_the_following_summer():
    from datetime import date

    from lms.core.semesters import school_year, school_year_of

    year = school_year(2026)
    assert (year.first_day, year.last_day) == (date(2026, 9, 1), date(2027, 8, 31))
    assert school_year_of(date(2027, 8, 31)) == year  # the summer gap ends the year
    assert school_year_of(date(2026, 8, 31)).start_year == 2025
    assert str(year) == "2026-2027"


def test_a_school_year_reads_as_words_in_chinese_and_english():
    from lms.core.semesters import school_year, school_year_label

    with translation.override("zh-hans"):
        assert school_year_label(school_year(2026)) == "2026–2027学年"
    with translation.override("en"):
        assert school_year_label(school_year(2026)) == "School year 2026–2027"
