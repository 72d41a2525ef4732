"""School reports benchmark (issue 6) on PostgreSQL: time and SQL queries of

  1. the class report for 60 families × 30 lessons,
  2. the school report for a school of 2,000 families,
  3. the bureau's county report over 100 schools, 50,000 families and 1,000,000
     lesson-progress rows,

plus the class report for a class of 20, to show the query count does not depend on class
size. Builds its data once (schools coded bench-NNN) in the database DATABASE_URL names, then
times each report (median of --repeat runs after one warm-up).

    python benchmarks/reports_bench.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import django_setup  # noqa: E402

django_setup(postgres_required=True)

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

SCHOOLS = 100
FAMILIES = 50_000
BIG_SCHOOL = 2_000
CLASS_SIZE = 60
LESSONS = 30
PROGRESS_PER_FAMILY = 20  # 50,000 × 20 = 1,000,000 rows


def build() -> None:
    from lms.schools.models import School

    call_command("migrate", verbosity=0)
    if School.objects.filter(code="bench-000").exists():
        return
    print("building the benchmark data (once)…", flush=True)
    # All or nothing: a build that fails half-way must not leave schools without progress,
    # which the check above would then take for finished data.
    with transaction.atomic():
        _build_data()


def _build_data() -> None:
    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from lms.schools.models import Assignment, Guardian, School, SchoolClass, Student
    from lms.schools.services.classes import invite_code_new

    course = CoursePage(title="基准课程", summary="benchmark", import_key="bench-report-course")
    CourseIndexPage.objects.get().add_child(instance=course)
    for n in range(LESSONS):
        course.add_child(instance=LessonPage(title=f"第{n + 1}课", body="<p>x</p>"))
    lesson_ids = list(LessonPage.objects.child_of(course).values_list("pk", flat=True))
    today = timezone.localdate()
    with transaction.atomic():
        rest = (FAMILIES - BIG_SCHOOL) // (SCHOOLS - 1)
        sizes = [BIG_SCHOOL] + [rest] * (SCHOOLS - 1)
        schools = School.objects.bulk_create(
            School(code=f"bench-{n:03}", name=f"基准学校{n}", kind="primary", township="基准镇")
            for n in range(SCHOOLS)
        )
        classes, plan = [], []
        for school, size in zip(schools, sizes, strict=True):
            # The first class of the first school has 20 families (the small comparison
            # class); every other class has CLASS_SIZE.
            sizes_here = [20] if school.code == "bench-000" else []
            remaining = size - sum(sizes_here)
            while remaining > 0:
                sizes_here.append(min(CLASS_SIZE, remaining))
                remaining -= sizes_here[-1]
            for index, class_size in enumerate(sizes_here):
                grade = ("p1", "p2", "p3", "p4", "p5", "p6")[index % 6]
                classes.append(
                    SchoolClass(
                        school=school,
                        grade=grade,
                        name=f"{index + 1}班",
                        invite_code=invite_code_new(),
                    )  # fmt: skip
                )
                plan.append(class_size)
        classes = SchoolClass.objects.bulk_create(classes)
        students = Student.objects.bulk_create(
            Student(school_class=c, nickname=f"生{i}")
            for c, size in zip(classes, plan, strict=True)
            for i in range(size)
        )
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"bench-family-{n}", password="!")
            for n in range(len(students))
        )
        Guardian.objects.bulk_create(
            Guardian(
                student=s, user=u, relation="mother", status="active", joined_at=timezone.now()
            )
            for s, u in zip(students, users, strict=True)
        )
        for school in schools:
            first = SchoolClass.objects.filter(school=school).order_by("pk").first()
            a = Assignment.objects.create(
                school=school, scope="school", course=course,
                starts_on=today - timedelta(days=30), due_on=today + timedelta(days=30),
            )  # fmt: skip
            g = Assignment.objects.create(
                school=school, scope="grade", grade="p3", course=course,
                starts_on=today - timedelta(days=30), due_on=today - timedelta(days=1),
            )  # fmt: skip
            g.lessons.set(lesson_ids[:5])
            Assignment.objects.create(
                school=school, scope="class", school_class=first, course=course,
                starts_on=today - timedelta(days=10), due_on=today + timedelta(days=10),
            )  # fmt: skip
            del a
    # 1,000,000 progress rows: every family has the first 20 lessons; the class-report classes
    # (the first two of bench-000) have all 30. About 60 % complete.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO learning_lessonprogress
              (user_id, lesson_id, intervals, watched_seconds, duration, position, beats,
               first_seen_at, last_beat_at, completed_at)
            SELECT u.id, l.id, '[]', 540, 600, 540, 36, now() - interval '20 days',
                   now() - (random() * interval '20 days'),
                   CASE WHEN random() < 0.6 THEN now() - (random() * interval '20 days') END
            FROM accounts_user u
            JOIN LATERAL (
              SELECT id FROM wagtailcore_page WHERE id = ANY(%s) ORDER BY id
              LIMIT CASE WHEN u.id IN (
                SELECT g.user_id FROM schools_guardian g
                JOIN schools_student s ON s.id = g.student_id
                WHERE s.school_class_id IN (
                  SELECT id FROM schools_schoolclass
                  WHERE school_id = (SELECT id FROM schools_school WHERE code = 'bench-000')
                  ORDER BY id LIMIT 2)
              ) THEN %s ELSE %s END
            ) l ON true
            WHERE u.username LIKE 'bench-family-%%'
            """,
            [lesson_ids, LESSONS, PROGRESS_PER_FAMILY],
        )
        cursor.execute(
            """
            INSERT INTO learning_enrolment
              (user_id, course_id, started_at, last_activity_at, lessons_completed,
               lessons_required, completed_at, credit_hours)
            SELECT u.id, %s, now() - interval '20 days', now(), 30, 30,
                   now() - (random() * interval '10 days'), 1.0
            FROM accounts_user u
            WHERE u.username LIKE 'bench-family-%%' AND random() < 0.3
            """,
            [course.pk],
        )
        cursor.execute("ANALYZE")


def measure(label: str, fn, repeat: int) -> tuple[str, float, float, int]:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
    return label, statistics.median(times), max(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    build()
    from lms.learning.models import LessonProgress
    from lms.schools.models import Assignment, Guardian, School, SchoolClass
    from lms.schools.reports import class_report, county_report, school_report

    big = School.objects.get(code="bench-000")
    small_class, class_60 = SchoolClass.objects.filter(school=big).order_by("pk")[:2]
    # The 60-family class's own assignment is the school-wide course (30 lessons).
    assignment = Assignment.objects.get(school=big, scope="school")
    counts = {
        "schools": School.objects.filter(code__startswith="bench-").count(),
        "families": Guardian.objects.filter(user__username__startswith="bench-family-").count(),
        "progress rows": LessonProgress.objects.count(),
        "families in the 60 class": Guardian.objects.filter(student__school_class=class_60).count(),
        "families in the big school": Guardian.objects.filter(
            student__school_class__school=big
        ).count(),
    }
    rows = [
        measure(
            "class report, 60 families × 30 lessons",
            lambda: class_report(school_class=class_60, assignment_id=assignment.pk),
            args.repeat,
        ),
        measure(
            "class report, 20 families × 30 lessons (query-count check)",
            lambda: class_report(school_class=small_class, assignment_id=assignment.pk),
            args.repeat,
        ),
        measure("school report, 2,000 families", lambda: school_report(school=big), args.repeat),
        measure(
            "county report, 100 schools / 50,000 families / 1M progress rows",
            county_report,
            args.repeat,
        ),
    ]
    report = class_report(school_class=class_60, assignment_id=assignment.pk)
    assert len(report.rows) == 60 and len(report.lessons) == 30, "unexpected class shape"
    print(f"\n{date.today()} · {platform.node()} · {platform.machine()} · {os.cpu_count()} cores")
    print("data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print("\n| report | median (ms) | max (ms) | SQL queries |\n|---|---|---|---|")
    for label, median, worst, queries in rows:
        print(f"| {label} | {median:.1f} | {worst:.1f} | {queries} |")


if __name__ == "__main__":
    main()
