"""Report numbers against a hand-computed fixture, exports equal to the screen, bounded queries.

The fixture (today = T):
  school s1 · 三年级2班 (A): 小明 mother p1, 小明 father p2, 小红 mother p3, 小刚 grandmother p4
                              (+ 小丽 mother p5 waiting for approval)
            · 三年级1班 (B): 豆豆 mother p6, 乐乐 father p7
            · 一年级1班 (C): 果果 mother p8
  course X: lessons X1 X2 X3;  course Y: lessons Y1 Y2
  a1: class A, whole X, T-10 … T+5; p4 excused
  a2: grade 三年级, Y1 only, T-10 … T-1 (overdue)
  a3: whole school, X, starts T+3 (not started: not counted)
  progress: p1 read X1 X2 X3 and Y1; p2 read X1; p6 read Y1; p7 read Y2; p8 read X1
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.schools.models import Guardian
from lms.schools.reports import class_report, county_report, school_report
from lms.schools.services.assignments import assignment_create, assignment_exception_set
from lms.schools.services.classes import class_settings_update
from tests.courses.factories import course_add, lesson_add
from tests.lms.schools.factories import (
    class_add,
    family_join,
    lesson_read,
    school_add,
    staff_add,
)
from tests.lms.schools.tables import csv_table, html_table, xlsx_table

pytestmark = pytest.mark.django_db
T = timezone.localdate()


@pytest.fixture
def world():
    school = school_add()
    school_add(code="s2", name="实验小学", township="河口乡")
    admin = staff_add(school, admin=True)
    teacher_a, teacher_b = staff_add(school), staff_add(school)
    a = class_add(school, grade="p3", name="2班", teacher=teacher_a)
    b = class_add(school, grade="p3", name="1班", teacher=teacher_b)
    c = class_add(school, grade="p1", name="1班")
    x = course_add(title="亲子沟通")
    xs = [lesson_add(x, title=f"X{n}") for n in (1, 2, 3)]
    y = course_add(title="习惯养成")
    ys = [lesson_add(y, title=f"Y{n}") for n in (1, 2)]
    p = {}
    p[1] = family_join(a, nickname="小明", relation="mother")
    p[2] = family_join(a, nickname="小明", relation="father")
    p[3] = family_join(a, nickname="小红", relation="mother")
    p[4] = family_join(a, nickname="小刚", relation="grandmother")
    class_settings_update(school_class=a, requires_approval=True, expires_at=None)
    p[5] = family_join(a, nickname="小丽", relation="mother")
    p[6] = family_join(b, nickname="豆豆", relation="mother")
    p[7] = family_join(b, nickname="乐乐", relation="father")
    p[8] = family_join(c, nickname="果果", relation="mother")
    days = timedelta(days=1)
    a1 = assignment_create(
        school=school, scope="class", school_class=a, course=x,
        starts_on=T - 10 * days, due_on=T + 5 * days, created_by=teacher_a,
    )  # fmt: skip
    a2 = assignment_create(
        school=school, scope="grade", grade="p3", course=y, lessons=[ys[0]],
        starts_on=T - 10 * days, due_on=T - days, created_by=admin,
    )  # fmt: skip
    assignment_create(
        school=school, scope="school", course=x,
        starts_on=T + 6 * days, due_on=T + 30 * days, created_by=admin,
    )  # fmt: skip
    assignment_exception_set(assignment=a1, user_id=p[4].pk, excused=True, due_on=None)
    now = timezone.now()
    for lesson in (*xs, ys[0]):
        lesson_read(p[1], lesson, at=now - 3 * days)
    lesson_read(p[2], xs[0], at=now - 2 * days)
    lesson_read(p[6], ys[0], at=now - 2 * days)
    lesson_read(p[7], ys[1], at=now - 2 * days)
    lesson_read(p[8], xs[0], at=now - 2 * days)
    return locals() | {"days": days}


def test_class_report_for_the_course_assignment(world):
    report = class_report(school_class=world["a"], assignment_id=world["a1"].pk)
    assert [r.student for r in report.rows] == ["小刚", "小明", "小明", "小红"]
    assert [lesson.title for lesson in report.lessons] == ["X1", "X2", "X3"]
    s = report.summary
    assert (s.assigned, s.completed, s.excused, s.overdue, s.rate) == (3, 1, 1, 0, 33)
    assert (report.in_progress, report.not_started) == (1, 1)
    by_user = {row.user_id: row for row in report.rows}
    p = world["p"]
    assert [c.completed for c in by_user[p[1].pk].cells] == [True, True, True]
    assert by_user[p[1].pk].completed_on == T - 3 * world["days"]
    assert [c.completed for c in by_user[p[2].pk].cells] == [True, False, False]
    assert by_user[p[4].pk].excused
    assert p[5].pk not in by_user  # still waiting for approval
    # One family completed three days ago, and the line stays at one since.
    assert report.timeline[0] == (T - 10 * world["days"], 0)
    assert dict(report.timeline)[T - 3 * world["days"]] == 1 and report.timeline[-1][1] == 1


def test_class_report_for_the_chosen_lesson_assignment(world):
    report = class_report(school_class=world["a"], assignment_id=world["a2"].pk)
    assert [lesson.title for lesson in report.lessons] == ["Y1"]
    s = report.summary
    assert (s.assigned, s.completed, s.excused, s.overdue, s.rate) == (4, 1, 0, 3, 25)


def test_a_forged_assignment_id_falls_back_to_the_class_own(world):
    other = school_add(code="s3", name="三中")
    foreign = assignment_create(
        school=other, scope="school", course=world["x"],
        starts_on=T, due_on=T, created_by=None,
    )  # fmt: skip
    report = class_report(school_class=world["a"], assignment_id=foreign.pk)
    assert report.assignment.pk != foreign.pk


def test_school_report(world):
    report = school_report(school=world["school"])
    rows = {str(r.school_class): r for r in report.classes}
    a, b, c = rows["三年级2班"], rows["三年级1班"], rows["一年级1班"]
    assert (a.students, a.families, a.pending, a.assignments) == (4, 4, 1, 2)
    assert (a.tally.assigned, a.tally.completed, a.tally.rate) == (7, 2, 29)
    assert (b.tally.assigned, b.tally.completed, b.tally.overdue, b.tally.rate) == (2, 1, 1, 50)
    assert (c.assignments, c.tally.rate) == (0, None)
    assert report.families == 7
    assert (report.total.assigned, report.total.completed, report.total.rate) == (9, 3, 33)
    assert len(report.assignments) == 2  # the one starting later is not counted yet


def test_county_report(world):
    rows = {r.school.code: r for r in county_report()}
    s1, s2 = rows["s1"], rows["s2"]
    assert (s1.classes, s1.families, s1.assignments) == (3, 7, 2)
    t = s1.tally
    assert (t.assigned, t.completed, t.excused, t.overdue, t.rate) == (9, 3, 1, 4, 33)
    assert (s2.families, s2.tally.assigned, s2.tally.rate) == (0, 0, None)


def _page_and_exports(client, page_url, export_name, args, query=""):
    page = client.get(reverse(page_url, args=args) + query)
    assert page.status_code == 200
    exports = [
        client.get(reverse(export_name, args=[*args, fmt]) + query) for fmt in ("csv", "xlsx")
    ]
    assert all(e.status_code == 200 for e in exports)
    assert exports[0]["Content-Type"].startswith("text/csv")
    assert "attachment" in exports[1]["Content-Disposition"]
    return html_table(page.content), csv_table(exports[0].content), xlsx_table(exports[1].content)


def test_class_exports_equal_the_screen(client, world):
    client.force_login(world["teacher_a"])
    screen, csv_rows, xlsx_rows = _page_and_exports(
        client, "schools:class_report", "schools:class_report_export", [world["a"].pk],
        f"?assignment={world['a1'].pk}",
    )  # fmt: skip
    assert screen == csv_rows == xlsx_rows
    assert len(screen) == 5 and screen[0][2:5] == ["X1", "X2", "X3"]
    mother = next(row for row in screen if row[0] == "小明" and row[2:5] == ["✓", "✓", "✓"])
    assert mother[5].endswith((T - 3 * world["days"]).isoformat())


def test_school_and_county_exports_equal_the_screen(client, world, django_user_model):
    client.force_login(world["admin"])
    screen, csv_rows, xlsx_rows = _page_and_exports(
        client, "schools:school", "schools:school_export", [world["school"].code]
    )
    assert screen == csv_rows == xlsx_rows and len(screen) == 4
    bureau = staff_add(world["school"])  # any user; given the bureau role below
    from django.contrib.auth.models import Group

    bureau.groups.add(Group.objects.get(name="BureauAdmin"))
    client.force_login(bureau)
    screen = html_table(client.get(reverse("schools:county")).content)
    csv_rows = csv_table(client.get(reverse("schools:county_export", args=["csv"])).content)
    xlsx_rows = xlsx_table(client.get(reverse("schools:county_export", args=["xlsx"])).content)
    assert screen == csv_rows == xlsx_rows
    # (the last two columns are the year's 学时: tests/lms/schools/test_credit_hours.py)
    assert screen[1][:2] == ["城关小学", "城关镇"] and screen[1][-3] == "33%"
    assert screen[-1][5:9] == ["9", "3", "4", "33%"]  # the county total


def test_shared_views_name_no_family(client, world):
    client.force_login(world["admin"])
    school_page = client.get(reverse("schools:school", args=["s1"])).content.decode()
    for nickname in ("小明", "小红", "豆豆", "果果"):
        assert nickname not in school_page


def test_report_queries_do_not_grow_with_the_class(world):
    a, a1 = world["a"], world["a1"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            class_report(school_class=a, assignment_id=a1.pk)
            school_report(school=world["school"])
            county_report()
        return len(queries)

    before = count()
    for n in range(12):
        parent = family_join(a, nickname=f"新{n}", relation="mother")
        Guardian.objects.filter(user=parent).update(status=Guardian.Status.ACTIVE)
        lesson_read(parent, world["xs"][0])
    assert count() == before


def test_a_parent_with_two_children_in_the_class_has_two_rows_and_the_page_says_why(client):
    school = school_add(code="s9", name="两孩小学")
    teacher = staff_add(school)
    a = class_add(school, grade="p2", name="1班", teacher=teacher)
    x = course_add(title="两个孩子")
    lesson_add(x, title="X1")
    parent = family_join(a, nickname="大宝", relation="mother")
    family_join(a, nickname="二宝", relation="mother", parent=parent)
    assignment_create(
        school=school, scope="class", school_class=a, course=x,
        starts_on=T, due_on=T + timedelta(days=7), created_by=teacher,
    )  # fmt: skip
    report = class_report(school_class=a)
    assert sorted(row.student for row in report.rows) == sorted(["大宝", "二宝"])
    assert report.summary.assigned == 1
    client.force_login(teacher)
    page = client.get(reverse("schools:class_report", args=[a.pk])).content.decode()
    assert "data-rows-note" in page


def test_the_class_export_is_named_by_school_grade_class_and_assignment(client, world):
    client.force_login(world["teacher_a"])
    a, a1 = world["a"], world["a1"]
    export = client.get(
        reverse("schools:class_report_export", args=[a.pk, "csv"]) + f"?assignment={a1.pk}"
    )
    assert export["Content-Disposition"] == (
        f'attachment; filename="class-report-s1-p3-class-{a.pk}-assignment-{a1.pk}-{T}.csv"'
    )
