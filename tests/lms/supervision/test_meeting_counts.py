"""Supervision counts each school's parent meetings, open days and booked reception-day slots
per semester, against numbers worked out by hand; an unknown semester is a clear message,
never another semester's numbers."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms.accounts.roles import Role
from lms.activities.models import Activity
from lms.activities.services import activity_create
from lms.activities.slot_services import (
    reception_book,
    reception_cancel_by_family,
    reception_day_open,
)
from lms.core.semesters import semester_current, semester_parse
from lms.supervision.compliance import compliance_tables
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add
from tests.lms.schools.tables import csv_table, html_table

pytestmark = pytest.mark.django_db


def at(y, m, d, h=19):
    return timezone.make_aware(datetime(y, m, d, h), timezone.get_current_timezone())


def _held(when, kind, *, school, by, audience=Activity.Audience.SCHOOL, classes=()):
    return activity_create(
        title=f"{kind} {when:%m-%d}",
        kind=kind,
        starts_at=when,
        ends_at=when + timedelta(hours=1),
        audience=audience,
        classes=list(classes),
        organised_by=by,
        school=school,
        place="礼堂",
    )


def _reception(school_class, teacher, day, families, *, cancel_last=False):
    """Open four slots on `day` (opened a week before) and book one per family."""
    activity = reception_day_open(
        user=teacher,
        school_class=school_class,
        day=day,
        starts=time(16),
        ends=time(17),
        place="办公室",
        now=at(day.year, day.month, day.day) - timedelta(days=7),
    )
    slots = list(activity.slots.all())
    bookings = [
        reception_book(
            user=parent,
            slot=slot,
            student=school_class.students.get(nickname=nickname),
            now=slot.starts_at - timedelta(days=2),
        )
        for slot, (parent, nickname) in zip(slots, families, strict=False)
    ]
    if cancel_last:
        last = bookings[-1]
        reception_cancel_by_family(
            booking=last, user=last.booked_by, now=last.slot.starts_at - timedelta(days=1)
        )
    return activity


@pytest.fixture
def county():
    a = school_add(code="a", name="城关小学")
    b = school_add(code="b", name="河口小学", township="河口镇")
    head_a, admin_a, admin_b = staff_add(a), staff_add(a, admin=True), staff_add(b, admin=True)
    class_a = class_add(a, teacher=head_a)
    families = [(family_join(class_a, nickname=n), n) for n in ("甲", "乙", "丙")]
    meeting, open_day = Activity.Kind.PARENT_MEETING, Activity.Kind.OPEN_DAY
    # 2025-spring (February to July): school a holds two meetings and an open day ...
    _held(
        at(2025, 3, 10), meeting, school=a, by=head_a,
        audience=Activity.Audience.CLASSES, classes=[class_a],
    )  # fmt: skip
    _held(at(2025, 5, 20), meeting, school=a, by=admin_a)
    _held(at(2025, 4, 15, 9), open_day, school=a, by=admin_a)
    _held(at(2025, 3, 20), Activity.Kind.LECTURE, school=a, by=admin_a)  # not a meeting
    # ... and a reception day with three bookings, one cancelled: two slots booked.
    _reception(class_a, head_a, date(2025, 4, 8), families, cancel_last=True)
    # School b: one open day.
    _held(at(2025, 6, 1, 9), open_day, school=b, by=admin_b)
    # 2025-autumn: one meeting and one booked slot at school a.
    _held(at(2025, 9, 15), meeting, school=a, by=head_a)
    _reception(class_a, head_a, date(2025, 10, 10), families[:1])
    return {"a": a, "b": b}


SPRING = [
    ["城关小学", "城关镇", "2", "1", "2"],
    ["河口小学", "河口镇", "0", "1", "0"],
    ["全县合计", "", "2", "2", "2"],
]
AUTUMN = [
    ["城关小学", "城关镇", "1", "0", "1"],
    ["河口小学", "河口镇", "0", "0", "0"],
    ["全县合计", "", "1", "0", "1"],
]


def test_meetings_open_days_and_booked_slots_match_the_hand_count(county):
    spring = compliance_tables(semester=semester_parse("2025-spring"), today=date(2026, 1, 10))
    assert spring.meetings.rows == SPRING
    assert spring.meetings.headers == [
        "学校",
        "乡镇",
        "家长会（次）",
        "家长开放日（次）",
        "接待日已约时段",
    ]
    autumn = compliance_tables(semester=semester_parse("2025-autumn"), today=date(2026, 1, 10))
    assert autumn.meetings.rows == AUTUMN


def test_what_has_not_taken_place_yet_is_not_counted(county):
    teacher = staff_add(county["b"])
    soon = timezone.now() + timedelta(days=2)
    _held(soon, Activity.Kind.PARENT_MEETING, school=county["b"], by=teacher)
    this = compliance_tables(semester=semester_current(timezone.localdate(soon)))
    assert this.meetings.rows[1][2] == "0"


def test_the_screen_and_the_export_show_the_same_counts(county, client):
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    page = client.get("/supervision/?semester=2025-spring")
    html = page.content.decode()
    assert "家长会、开放日与接待日 · 2025年春季学期" in html
    after_heading = html.split("家长会、开放日与接待日 · 2025年春季学期", 1)[1]
    screen = html_table(("<table " + after_heading.split("<table ", 1)[1]).encode())
    assert screen[1:] == SPRING
    export = client.get(
        "/supervision/compliance.csv", {"semester": "2025-spring", "part": "meetings"}
    )
    assert export.status_code == 200
    assert 'filename="compliance-meetings-2025-spring-' in export["Content-Disposition"]
    assert csv_table(export.content) == screen


def test_the_command_prints_the_meeting_counts(county, capsys):
    call_command("compliance_report", "--semester", "2025-spring", "--part", "meetings")
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == [",".join(row) for row in SPRING]


def test_an_unknown_semester_says_so_and_shows_no_numbers(county, client):
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    for bad in ("2025-winter", "spring", "9" * 30):
        page = client.get("/supervision/", {"semester": bad})
        html = page.content.decode()
        assert page.status_code == 400
        assert 'role="alert"' in html and "无法识别学期" in html
        assert "<table" not in html  # no other semester's numbers in its place
        export = client.get("/supervision/compliance.csv", {"semester": bad, "part": "meetings"})
        assert export.status_code == 400
        assert "无法识别学期" in export.content.decode()
    teachers = client.get("/supervision/s/a/teachers/", {"semester": "2025-winter"})
    assert teachers.status_code == 400 and "无法识别学期" in teachers.content.decode()
