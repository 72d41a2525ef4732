"""学时 in the class, school and county reports, their exports and the compliance table,
against a case worked out by hand (LMS_YEARLY_HOURS_TARGET = 3):

  school s1 · 三年级2班 (A): p1, p2     · 三年级1班 (B): p3
  school s2 · 一年级1班 (C): p3 again (a second child)
  course X (2.0 学时, lessons X1 X2), course Y (1.5 学时, lesson Y1), a talk replay (1.0 学时)

  p1: X + Y                        = 3.5   at the target
  p2: Y + the talk replay          = 2.5   below
  p3: X + the talk replay          = 3.0   at the target (exactly)
      (+ Y last school year: not counted)
  class A 6.0, 1 of 2 · class B 3.0, 1 of 1 · school s1 9.0, 2 of 3 · school s2 3.0, 1 of 1
  county 9.0, 2 of 3 (p3 once, not 12.0, 3 of 4)

Every hour is earned through the real services: reading lessons to complete a course, and
honest beats on the talk's replay.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from lms.core.semesters import school_year_of
from lms.learning.models import CreditEntry
from lms.learning.replays import talk_progress_record
from lms.schools.reports import class_report, county_hours, county_report, school_report
from media_pipeline.models import MediaAsset
from tests.courses.factories import UserFactory, course_add, lesson_add, talk_add
from tests.lms.schools.factories import (
    class_add,
    family_join,
    lesson_read,
    school_add,
    staff_add,
)
from tests.lms.schools.tables import csv_table, html_table, xlsx_table

pytestmark = pytest.mark.django_db


def _watch_replay(parent, talk):
    start = timezone.now() - timedelta(minutes=5)
    for beat in range(7):  # 15 s watched every 15 s, 0–105 s of 100 s: past 90 %
        talk_progress_record(
            user=parent,
            talk=talk,
            intervals=[(beat * 15.0, beat * 15.0 + 15.0)],
            position=beat * 15.0 + 15.0,
            now=start + timedelta(seconds=15 * (beat + 1)),
        )


@pytest.fixture
def world(settings):
    settings.LMS_YEARLY_HOURS_TARGET = 3
    s1, s2 = school_add(), school_add(code="s2", name="实验小学", township="河口乡")
    admin = staff_add(s1, admin=True)
    teacher = staff_add(s1)
    a = class_add(s1, grade="p3", name="2班", teacher=teacher)
    b = class_add(s1, grade="p3", name="1班")
    c = class_add(s2, grade="p1", name="1班")
    x = course_add(title="亲子沟通", credit_hours="2.0")
    xs = [lesson_add(x, title=f"X{n}") for n in (1, 2)]
    y = course_add(title="习惯养成", credit_hours="1.5")
    y1 = lesson_add(y, title="Y1")
    talk = talk_add(
        title="青春期的孩子",
        date=timezone.localdate() - timedelta(days=3),
        media=MediaAsset.objects.create(
            title="回放",
            original="x.mp4",
            status=MediaAsset.Status.READY,
            kind="video",
            duration=100.0,
            hls_master="m/hls/master.m3u8",
        ),
    )
    talk.credit_hours = Decimal("1.0")
    talk.save()
    p1 = family_join(a, nickname="小明", relation="mother")
    p2 = family_join(a, nickname="小红", relation="father")
    p3 = family_join(b, nickname="豆豆", relation="mother")
    family_join(c, nickname="果果", relation="mother", parent=p3)
    before = school_year_of(timezone.localdate()).first_day - timedelta(days=20)
    last_year = timezone.make_aware(datetime.combine(before, time(10)))
    for lesson in xs:
        lesson_read(p1, lesson)
        lesson_read(p3, lesson)
    lesson_read(p1, y1)
    lesson_read(p2, y1)
    lesson_read(p3, y1, at=last_year)
    _watch_replay(p2, talk)
    _watch_replay(p3, talk)
    # The ledger is what the hand count says it is (course credits and talk credits).
    assert sorted(CreditEntry.objects.values_list("source", "hours")) == sorted(
        [("course", Decimal("2.0"))] * 2
        + [("course", Decimal("1.5"))] * 3
        + [("talk", Decimal("1.0"))] * 2
    )
    return {"s1": s1, "s2": s2, "a": a, "b": b, "admin": admin, "teacher": teacher}


def test_the_class_report_totals_the_year_and_counts_families_at_the_target(world):
    report = class_report(school_class=world["a"])
    assert (report.hours.hours, report.hours.at_target, report.hours.families) == (
        Decimal("6.0"),
        1,
        2,
    )
    assert (class_report(school_class=world["b"]).hours.hours) == Decimal("3.0")


def test_the_school_report_per_class_and_for_the_school(world):
    report = school_report(school=world["s1"])
    by_class = {str(row.school_class): row.hours for row in report.classes}
    assert (by_class["三年级2班"].hours, by_class["三年级2班"].at_target) == (Decimal("6.0"), 1)
    assert (by_class["三年级1班"].hours, by_class["三年级1班"].at_target) == (Decimal("3.0"), 1)
    assert (report.hours.hours, report.hours.at_target, report.hours.families) == (
        Decimal("9.0"),
        2,
        3,
    )


def test_the_county_counts_a_family_with_children_in_two_schools_once(world):
    rows = {row.school.code: row.hours for row in county_report()}
    assert (rows["s1"].hours, rows["s1"].at_target, rows["s1"].families) == (Decimal("9.0"), 2, 3)
    assert (rows["s2"].hours, rows["s2"].at_target, rows["s2"].families) == (Decimal("3.0"), 1, 1)
    total = county_hours().hours
    assert (total.hours, total.at_target, total.families) == (Decimal("9.0"), 2, 3)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_screens_and_both_exports_show_the_same_hours(world):
    bureau = UserFactory(role=Role.BUREAU_ADMIN)
    school = _client(world["admin"])
    screen = html_table(school.get(reverse("schools:school", args=["s1"])).content)
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        export = read(school.get(reverse("schools:school_export", args=["s1", fmt])).content)
        assert export[0][-2:] == ["本学年学时", "学时达到3的家庭"]
        rows = {row[0]: row[-2:] for row in export[1:]}
        assert rows["三年级2班"] == ["6.0", "1/2"] and rows["三年级1班"] == ["3.0", "1/1"]
    assert {row[0]: row[-2:] for row in screen[1:]}["三年级2班"] == ["6.0", "1/2"]

    county = _client(bureau)
    page = county.get(reverse("schools:county")).content.decode()
    assert "学时达到3的家庭" in page and "data-hours-total>9.0<" in page
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        export = read(county.get(reverse("schools:county_export", args=[fmt])).content)
        rows = {row[0]: row[-2:] for row in export[1:]}
        assert rows["城关小学"] == ["9.0", "2/3"] and rows["实验小学"] == ["3.0", "1/1"]
        assert rows["全县合计"] == ["9.0", "2/3"]

    class_page = _client(world["teacher"]).get(
        reverse("schools:class_report", args=[world["a"].pk])
    )
    assert "data-hours-total>6.0<" in class_page.content.decode()


def test_the_compliance_table_has_the_hours_per_school_and_for_the_county(world):
    bureau = _client(UserFactory(role=Role.BUREAU_ADMIN))
    export = csv_table(bureau.get(reverse("supervision:export", args=["csv"])).content)
    assert export[0][-2:] == ["本学年学时", "学时达到3的家庭"]
    rows = {row[0]: row[-2:] for row in export[1:]}
    assert rows["城关小学"] == ["9.0", "2/3"] and rows["全县合计"] == ["9.0", "2/3"]


def test_the_target_comes_from_the_setting(world, settings):
    settings.LMS_YEARLY_HOURS_TARGET = 4
    assert school_report(school=world["s1"]).hours.at_target == 0
