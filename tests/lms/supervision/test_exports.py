"""The supervision screen in semester words (zh and en), and each of its three exports named
by its part and equal to its table on the screen."""

import re

import pytest
from django.conf import settings
from django.utils import timezone

from lms.accounts.roles import Role
from tests.courses.factories import UserFactory
from tests.lms.schools.tables import csv_table, html_table, xlsx_table
from tests.lms.supervision import test_compliance
from tests.lms.supervision.test_compliance import SCHOOLS, STATIONS

pytestmark = pytest.mark.django_db
semester_world = test_compliance.semester_world


def _screen_tables(content: bytes) -> list[list[list[str]]]:
    """Each report table of the page, those beside its charts too, as rows of cells (header
    row first)."""
    chunks = content.decode().split("<table ")[1:]
    return [
        html_table(
            ("<table " + chunk).encode(),
            marker="data-chart-table"
            if "data-chart-table" in chunk.split(">", 1)[0]
            else "data-report-table",
        )
        for chunk in chunks
    ]


@pytest.fixture
def bureau(client):
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    return client


def test_the_heading_and_the_semester_menu_read_in_chinese_words(semester_world, bureau):
    html = bureau.get("/supervision/?semester=2025-spring").content.decode()
    assert "<h1>督导 · 2025年春季学期</h1>" in html
    assert "学校 · 2025年春季学期" in html  # the schools table's title
    assert "2025-spring</h1>" not in html
    # The menu shows words and still sends the code.
    assert re.search(
        r'<option value="\d{4}-(spring|autumn)"[^>]*>\d{4}年(春|秋)季学期</option>', html
    )


def test_the_heading_and_the_semester_menu_read_in_english_words(semester_world, bureau):
    bureau.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = bureau.get("/supervision/?semester=2025-spring").content.decode()
    assert "<h1>Supervision · Spring semester 2025</h1>" in html
    assert "Schools · Spring semester 2025" in html
    assert re.search(
        r'<option value="\d{4}-(spring|autumn)"[^>]*>(Spring|Autumn) semester \d{4}</option>', html
    )


def test_the_teacher_summary_title_names_the_semester_in_words(semester_world, client):
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    html = client.get("/supervision/s/a/teachers/?semester=2025-spring").content.decode()
    assert "城关小学 · 2025年春季学期" in html


@pytest.mark.parametrize(
    ("part", "index", "name"),
    [
        ("", 0, "compliance-schools-2025-spring"),
        ("schools", 0, "compliance-schools-2025-spring"),
        ("stations", 1, "compliance-stations-2025-spring"),
        ("coverage", 2, "compliance-station-coverage"),
    ],
)
def test_each_export_is_named_by_its_part_and_equals_its_table(
    semester_world, bureau, part, index, name
):
    screen = _screen_tables(bureau.get("/supervision/?semester=2025-spring").content)
    today = timezone.localdate().isoformat()
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        response = bureau.get(
            f"/supervision/compliance.{fmt}", {"semester": "2025-spring", "part": part}
        )
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="{name}-{today}.{fmt}"'
        assert read(response.content) == screen[index]
    assert screen[0][1:] == SCHOOLS
    assert screen[1][1:] == STATIONS


def test_an_unknown_semester_is_a_clear_error_and_no_other_semesters_numbers(
    semester_world, bureau
):
    page = bureau.get("/supervision/?semester=2025-winter")
    html = page.content.decode()
    assert page.status_code == 400 and 'role="alert"' in html
    assert "无法识别学期“2025-winter”，请写成 YYYY-autumn, YYYY-spring。" in html
    assert "<table" not in html
    export = bureau.get("/supervision/compliance.csv?semester=2025-winter")
    assert export.status_code == 400
    assert "Content-Disposition" not in export
    assert "无法识别学期“2025-winter”" in export.content.decode()


def test_in_august_between_semesters_the_page_shows_the_spring_just_ended(bureau):
    import time_machine

    with time_machine.travel("2026-08-15 10:00 +0800", tick=False):
        page = bureau.get("/supervision/")
        export = bureau.get("/supervision/compliance.csv?part=stations")
    assert page.status_code == 200
    assert "<h1>督导 · 2026年春季学期</h1>" in page.content.decode()
    assert (
        'filename="compliance-stations-2026-spring-2026-08-15.csv"'
        in (export["Content-Disposition"])
    )


def test_the_teacher_summary_exports_equal_its_table_for_those_who_may_read_it(
    semester_world, client
):
    from tests.lms.schools.factories import staff_add

    client.force_login(staff_add(semester_world["a"], admin=True))
    screen = _screen_tables(client.get("/supervision/s/a/teachers/?semester=2025-spring").content)
    today = timezone.localdate().isoformat()
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        response = client.get(f"/supervision/s/a/teachers.{fmt}", {"semester": "2025-spring"})
        assert response.status_code == 200
        name = f"teachers-a-2025-spring-{today}.{fmt}"
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert read(response.content) == screen[0] and len(screen[0]) > 1
    # A teacher of the school, or another school's admin: nothing.
    for outsider in (semester_world["teacher_a"], staff_add(semester_world["b"], admin=True)):
        client.force_login(outsider)
        assert client.get("/supervision/s/a/teachers.csv").status_code == 404
    # A semester nobody can read is refused with the reason, never another semester's numbers.
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    refused = client.get("/supervision/s/a/teachers.xlsx", {"semester": "x" * 300})
    assert refused.status_code == 400
    assert "YYYY-" in refused.content.decode()
