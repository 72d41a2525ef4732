"""Charts of completion and participation over the weeks of a semester and by stage, against
numbers worked out by hand; an empty semester; the order never follows the values.

The fixture (semester 2025-autumn, starting Monday 2025-09-01; today = 2025-09-21, 3 weeks):
  school a (城关镇) · 三年级2班 (p3): p1, p2, p5 · 中班 (k2): p3
  school b (河口镇) · 初一1班 (j1): p4
  course C (lesson c1), course D (lesson d1)
  A: school a, whole school, course C, 09-03 … 09-30
  B: school a, grade p3, course D, 09-10 … 09-30; p5 excused
  progress: p1 reads c1 on 09-05 and d1 on 09-12; p2 reads c1 on 09-16; p4 reads d1 on 09-09
"""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from lms.core.semesters import semester_current, semester_parse
from lms.schools.charts import learning_charts, school_stage, semester_learning
from lms.schools.services.assignments import assignment_create, assignment_exception_set
from tests.courses.factories import UserFactory, course_add, lesson_add
from tests.lms.schools.factories import class_add, family_join, lesson_read, school_add, staff_add
from tests.lms.schools.tables import csv_table

pytestmark = pytest.mark.django_db
AUTUMN = semester_parse("2025-autumn")
TODAY = date(2025, 9, 21)


def at(month, day):
    return timezone.make_aware(datetime(2025, month, day, 19), timezone.get_current_timezone())


@pytest.fixture
def world():
    a = school_add(code="a", name="城关小学")
    b = school_add(code="b", name="河口中学", township="河口镇")
    admin = staff_add(a, admin=True, username="a-admin")
    primary = class_add(a, grade="p3", name="2班")
    middle = class_add(a, grade="k2", name="1班")
    junior = class_add(b, grade="j1", name="1班")
    c, d = course_add(title="课程C"), course_add(title="课程D")
    c1, d1 = lesson_add(c, title="c1"), lesson_add(d, title="d1")
    p1 = family_join(primary, nickname="甲")
    p2 = family_join(primary, nickname="乙")
    p5 = family_join(primary, nickname="戊")
    p3 = family_join(middle, nickname="丙")
    p4 = family_join(junior, nickname="丁")
    assignment_create(
        school=a, scope="school", course=c,
        starts_on=date(2025, 9, 3), due_on=date(2025, 9, 30), created_by=admin,
    )  # fmt: skip
    big = assignment_create(
        school=a, scope="grade", grade="p3", course=d,
        starts_on=date(2025, 9, 10), due_on=date(2025, 9, 30), created_by=admin,
    )  # fmt: skip
    assignment_exception_set(assignment=big, user_id=p5.pk, excused=True, due_on=None)
    lesson_read(p1, c1, at=at(9, 5))
    lesson_read(p1, d1, at=at(9, 12))
    lesson_read(p2, c1, at=at(9, 16))
    lesson_read(p4, d1, at=at(9, 9))
    return locals()


def _weeks(learning):
    return [
        (w.first_day.isoformat(), w.families, w.taking_part, w.assigned, w.completed)
        for w in learning.weeks
    ]


def test_a_schools_weeks_count_families_taking_part_and_courses_completed_by_each_weeks_end(
    world,
):
    learning = semester_learning(semester=AUTUMN, school=world["a"], today=TODAY)
    assert _weeks(learning) == [
        ("2025-09-01", 4, 1, 4, 1),  # p1 took part; A's 4 families, p1 done
        ("2025-09-08", 4, 1, 6, 2),  # p1 again; B adds p1 and p2 (p5 excused); p1 done B
        ("2025-09-15", 4, 1, 6, 3),  # p2 took part and finished A
    ]
    assert [(w.participation, w.completion) for w in learning.weeks] == [
        (25.0, 25.0),
        (25.0, 33.3),
        (25.0, 50.0),
    ]


def test_a_schools_stages_put_kindergarten_before_primary_with_their_own_counts(world):
    learning = semester_learning(semester=AUTUMN, school=world["a"], today=TODAY)
    assert [
        (s.stage, s.families, s.taking_part, s.assigned, s.completed) for s in learning.stages
    ] == [("kindergarten", 1, 0, 1, 0), ("primary", 3, 2, 5, 3)]
    assert [(s.participation, s.completion) for s in learning.stages] == [
        (0.0, 0.0),
        (66.7, 60.0),
    ]


def test_the_county_counts_every_schools_families(world):
    learning = semester_learning(semester=AUTUMN, today=TODAY)
    assert _weeks(learning) == [
        ("2025-09-01", 5, 1, 4, 1),
        ("2025-09-08", 5, 2, 6, 2),  # p4 of school b took part, with nothing assigned
        ("2025-09-15", 5, 1, 6, 3),
    ]
    junior = learning.stages[-1]
    assert (junior.stage, junior.families, junior.taking_part, junior.assigned) == (
        "junior",
        1,
        1,
        0,
    )
    assert junior.completion is None


def test_the_tables_beside_the_charts_hold_the_charts_numbers(world):
    with translation.override("en"):
        charts = learning_charts(semester=AUTUMN, school=world["a"], today=TODAY)
    weeks = charts.weeks
    assert weeks.labels == ["Week 1", "Week 2", "Week 3"]
    assert weeks.table.rows == [
        ["Week 1 (from 09-01)", "1", "25%", "1/4", "25%"],
        ["Week 2 (from 09-08)", "1", "25%", "2/6", "33.3%"],
        ["Week 3 (from 09-15)", "1", "25%", "3/6", "50%"],
    ]
    assert weeks.data["series"] == [
        {"label": "Participation", "values": [25.0, 25.0, 25.0]},
        {"label": "Completion rate", "values": [25.0, 33.3, 50.0]},
    ]
    stages = charts.stages
    assert stages.labels == ["Kindergarten", "Primary school"]
    assert stages.table.rows == [
        ["Kindergarten", "1", "0", "0%", "0/1", "0%"],
        ["Primary school", "3", "2", "66.7%", "3/5", "60%"],
    ]
    assert [s["values"] for s in stages.data["series"]] == [[0.0, 66.7], [0.0, 60.0]]


def test_a_semester_without_data_is_empty_not_an_error(world):
    earlier = semester_parse("2024-autumn")
    charts = learning_charts(semester=earlier, school=world["a"], today=TODAY)
    assert charts.weeks.empty and charts.stages.empty
    # A semester that has not begun has no weeks at all.
    later = learning_charts(semester=semester_parse("2026-spring"), today=TODAY)
    assert later.weeks.empty and later.weeks.labels == []


def test_the_order_follows_time_and_stage_never_the_values(world):
    """Kindergarten stays first while it goes from the lowest to the highest values."""
    before = semester_learning(semester=AUTUMN, school=world["a"], today=TODAY)
    lesson_read(world["p3"], world["c1"], at=at(9, 20))
    after = semester_learning(semester=AUTUMN, school=world["a"], today=TODAY)
    low, high = before.stages, after.stages
    assert low[0].completion < low[1].completion and high[0].completion > high[1].completion
    assert [s.stage for s in low] == [s.stage for s in high] == ["kindergarten", "primary"]
    assert [w.first_day for w in after.weeks] == sorted(w.first_day for w in after.weeks)


def test_the_queries_do_not_grow_with_the_families(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            semester_learning(semester=AUTUMN, today=TODAY)
        return len(captured)

    before = queries()
    for n in range(3):
        parent = family_join(world["primary"], nickname=f"新{n}")
        lesson_read(parent, world["c1"], at=at(9, 18))
    assert queries() == before


def test_grades_fall_into_the_four_school_stages():
    assert [school_stage(g) for g in ("k1", "p1", "p6", "j3", "s1", "xx")] == [
        "kindergarten",
        "primary",
        "primary",
        "junior",
        "senior",
        None,
    ]


# ------------------------------------------------------------------------ the pages


@pytest.fixture
def this_semester(db):
    """A school with a family that finished its assignment in the current semester."""
    semester = semester_current(timezone.localdate())
    school = school_add()
    admin = staff_add(school, admin=True, username="xiaozhang")
    school_class = class_add(school)
    course = course_add(title="本学期课程")
    lesson = lesson_add(course)
    parent = family_join(school_class, nickname="小明")
    family_join(school_class, nickname="小红")
    assignment_create(
        school=school, scope="school", course=course, starts_on=semester.first_day,
        due_on=semester.last_day, created_by=admin,
    )  # fmt: skip
    lesson_read(parent, lesson)
    return {"school": school, "admin": admin, "semester": semester}


def test_the_school_page_shows_both_charts_with_their_tables_and_scripts(client, this_semester):
    client.force_login(this_semester["admin"])
    page = client.get(reverse("schools:school", args=["s1"])).content.decode()
    assert 'data-chart="chart-weeks-data"' in page and 'id="chart-weeks-data"' in page
    assert 'data-chart-table="stages"' in page
    assert "js/report_charts.js" in page and "本学期还没有数据" not in page
    export = client.get(reverse("schools:school_chart_export", args=["s1", "stages", "csv"]))
    assert export.status_code == 200
    assert csv_table(export.content)[1][1:] == ["2", "1", "50%", "1/2", "50%"]


def test_the_school_page_says_when_the_semester_has_no_data(client, db):
    school = school_add()
    admin = staff_add(school, admin=True)
    client.force_login(admin)
    page = client.get(reverse("schools:school", args=[school.code])).content.decode()
    assert page.count("本学期还没有数据") == 2
    assert "<canvas" not in page and "report_charts.js" not in page


def test_the_county_page_has_the_charts_and_other_people_cannot_export_them(client, this_semester):
    from lms.accounts.roles import Role

    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    page = client.get(reverse("schools:county")).content.decode()
    assert 'data-chart-table="weeks"' in page and 'data-chart-table="stages"' in page
    ok = client.get(reverse("schools:county_chart_export", args=["weeks", "xlsx"]))
    assert ok.status_code == 200
    client.force_login(this_semester["admin"])
    assert (
        client.get(reverse("schools:county_chart_export", args=["weeks", "csv"])).status_code == 404
    )
    assert client.get("/school/s/s1/chart-ranking.csv").status_code == 404
