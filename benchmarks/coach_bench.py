"""Class report against the peer: ours for a class of 60 families × 30 lessons, Kolibri 0.19.5's
coach class summary (`/api/coach/classsummary/<classroom>/`) for 60 learners × 30 videos in one
lesson, with the same progress in both (one seeded pattern: a quarter untouched, most complete,
the rest part-watched).

Both are timed in-process, median of --repeat after one warm-up, with their SQL query counts:
ours is `class_report()` (the data behind the page, no HTML); Kolibri's is its viewset called
through DRF's request factory as the facility admin, JSON rendering included. Kolibri's content
nodes (a channel root and 30 videos), class, lesson and summary logs are made in its own database
by `kolibri manage shell`: no channel is downloaded. Shares the databases and Kolibri's virtual
environment with benchmarks/peer_bench.py, and sets them up the same way when they are missing.

    python benchmarks/coach_bench.py [--repeat 7] [--kolibri-venv DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer_bench import use_own_database  # noqa: E402

FAMILIES, LESSONS = 60, 30


def pattern() -> list[list[float | None]]:
    """Progress per (family, lesson): None untouched, 1.0 complete, else the part watched."""
    rng = random.Random(21)  # noqa: S311 - seeded test data, not a secret
    rows = []
    for _ in range(FAMILIES):
        row: list[float | None] = []
        for _ in range(LESSONS):
            r = rng.random()
            row.append(None if r < 0.25 else 1.0 if r < 0.85 else round(rng.uniform(0.1, 0.9), 2))
        rows.append(row)
    return rows


def ours_build(progress: list[list[float | None]]) -> tuple[object, int]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from lms.learning.models import LessonProgress
    from lms.schools.models import Assignment, Guardian, School, SchoolClass, Student
    from lms.schools.services.classes import invite_code_new

    call_command("migrate", verbosity=0)
    school = School.objects.filter(code="peer-coach").first()
    if school is None:
        course = CoursePage(title="对照课程", summary="benchmark", import_key="peer-coach-course")
        CourseIndexPage.objects.get().add_child(instance=course)
        for n in range(LESSONS):
            course.add_child(instance=LessonPage(title=f"第{n + 1}课", body="<p>x</p>"))
        lessons = list(LessonPage.objects.child_of(course).order_by("path"))
        school = School.objects.create(
            code="peer-coach", name="对照学校", kind="primary", township="基准镇"
        )
        klass = SchoolClass.objects.create(
            school=school, grade="p3", name="1班", invite_code=invite_code_new()
        )
        now = timezone.now()
        today = timezone.localdate()
        Assignment.objects.create(
            school=school, scope="class", school_class=klass, course=course,
            starts_on=today - timedelta(days=10), due_on=today + timedelta(days=10),
        )  # fmt: skip
        rows = []
        for i, row in enumerate(progress):
            user = get_user_model().objects.create(username=f"peer-coach-{i}", password="!")
            student = Student.objects.create(school_class=klass, nickname=f"生{i}")
            Guardian.objects.create(
                student=student, user=user, relation="mother", status="active", joined_at=now
            )
            for lesson, p in zip(lessons, row, strict=True):
                if p is not None:
                    rows.append(
                        LessonProgress(
                            user=user,
                            lesson=lesson,
                            intervals=[],
                            duration=600,
                            watched_seconds=int(600 * p),
                            position=int(600 * p),
                            first_seen_at=now,
                            last_beat_at=now,
                            completed_at=now if p == 1.0 else None,
                        )  # fmt: skip
                    )
        LessonProgress.objects.bulk_create(rows)
    klass = SchoolClass.objects.get(school=school)
    return klass, Assignment.objects.get(school=school).pk


def ours_measure(repeat: int, progress) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lms.schools.reports import class_report

    klass, assignment_id = ours_build(progress)
    report = class_report(school_class=klass, assignment_id=assignment_id)  # warm-up
    assert len(report.rows) == FAMILIES and len(report.lessons) == LESSONS, "unexpected class"
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            class_report(school_class=klass, assignment_id=assignment_id)
            times.append((time.perf_counter() - started) * 1000)
    return {"median": statistics.median(times), "max": max(times), "queries": len(queries)}


# Runs inside `kolibri manage shell`; PROGRESS and REPEAT are filled in.
KOLIBRI_SCRIPT = """
import json, statistics, time, uuid
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIRequestFactory, force_authenticate
from kolibri.core.auth.models import Classroom, Facility, FacilityUser
from kolibri.core.content.models import ChannelMetadata, ContentNode
from kolibri.core.lessons.models import Lesson, LessonAssignment
from kolibri.core.logger.models import ContentSummaryLog
from kolibri.plugins.coach.class_summary_api import ClassSummaryViewSet

PROGRESS = json.loads('''%(progress)s''')
facility = Facility.get_default_facility()
admin = FacilityUser.objects.get(facility=facility, username="benchadmin")
channel = "c0ac4be7c0ac4be7c0ac4be7c0ac4be7"
klass = Classroom.objects.filter(parent=facility, name="Peer coach class").first()
if klass is None:
    root = ContentNode.objects.create(id=channel, channel_id=channel, content_id=uuid.uuid4().hex,
                                      kind="topic", title="Peer channel", available=True)
    ChannelMetadata.objects.create(id=channel, name="Peer channel", root=root,
                                   last_updated=timezone.now())
    videos = [ContentNode.objects.create(id=uuid.uuid4().hex, parent=root, channel_id=channel,
                                         content_id=uuid.uuid4().hex, kind="video",
                                         title=f"Video {n}", available=True)
              for n in range(len(PROGRESS[0]))]
    klass = Classroom.objects.create(parent=facility, name="Peer coach class")
    learners = []
    for i in range(len(PROGRESS)):
        user = FacilityUser(username=f"coach-{i}", full_name=f"coach {i}", facility=facility)
        user.set_unusable_password()
        user.save()
        klass.add_member(user)
        learners.append(user)
    lesson = Lesson.objects.create(title="Peer lesson", collection=klass, created_by=admin,
        is_active=True, resources=[{"contentnode_id": v.id, "content_id": v.content_id,
                                    "channel_id": v.channel_id} for v in videos])
    LessonAssignment.objects.create(lesson=lesson, collection=klass, assigned_by=admin)
    now = timezone.now()
    logs = []
    for user, row in zip(learners, PROGRESS):
        for video, p in zip(videos, row):
            if p is None:
                continue
            log = ContentSummaryLog(user=user, content_id=video.content_id, channel_id=channel,
                kind="video", progress=p, time_spent=600 * p, start_timestamp=now,
                end_timestamp=now, completion_timestamp=now if p == 1.0 else None,
                dataset_id=user.dataset_id)
            log.id = log.calculate_uuid()  # bulk_create skips morango's save()
            log._morango_partition = log.calculate_partition()
            logs.append(log)
    ContentSummaryLog.objects.bulk_create(logs)
view = ClassSummaryViewSet.as_view({"get": "retrieve"})
def call():
    request = APIRequestFactory().get(f"/api/coach/classsummary/{klass.id}/")
    force_authenticate(request, user=admin)
    response = view(request, pk=klass.id)
    response.render()
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)
data = call()
assert len(data["learners"]) == len(PROGRESS), len(data["learners"])
times = []
for _ in range(%(repeat)d):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
print("KOLIBRI_JSON " + json.dumps({"median": statistics.median(times), "max": max(times),
      "queries": len(queries), "statuses": len(data["content_learner_status"])}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--our-database", default="lms_peer_bench")
    parser.add_argument("--kolibri-database", default="kolibri_bench")
    parser.add_argument("--kolibri-venv", type=Path, default=None)
    args = parser.parse_args()
    services_url = use_own_database(args.our_database)
    from bootstrap import django_setup

    django_setup(postgres_required=True)
    from kolibri_peer import DEFAULT_VENV, Kolibri

    kolibri = Kolibri(
        venv=args.kolibri_venv or DEFAULT_VENV,
        database_url=services_url,
        database=args.kolibri_database,
        port=0,
        workers=1,
    )
    kolibri.install()
    kolibri.prepare(learners=0)
    progress = pattern()
    ours = ours_measure(args.repeat, progress)
    script = KOLIBRI_SCRIPT % {"progress": json.dumps(progress), "repeat": args.repeat}
    out = subprocess.run(
        [str(kolibri.venv / "bin" / "kolibri"), "manage", "shell", "--", "-c", script],
        env=kolibri.env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    theirs = json.loads(next(x for x in out.splitlines() if x.startswith("KOLIBRI_JSON "))[13:])
    touched = sum(p is not None for row in progress for p in row)
    print(f"### Class report against Kolibri's coach class summary ({FAMILIES} × {LESSONS})\n")
    print(f"- Command: `python benchmarks/coach_bench.py --repeat {args.repeat}`")
    print(f"- Same progress in both: {touched} of {FAMILIES * LESSONS} cells touched.\n")
    print("| report | median (ms) | max (ms) | SQL queries |\n|---|---|---|---|")
    print(
        f"| ours: `class_report()` | {ours['median']:.1f} | {ours['max']:.1f} | {ours['queries']} |"
    )
    print(
        f"| Kolibri 0.19.5 class summary (view + JSON) | {theirs['median']:.1f} | "
        f"{theirs['max']:.1f} | {theirs['queries']} |"
    )
    print(
        f"\nOurs / Kolibri time: {ours['median'] / theirs['median']:.2f}. Kolibri's answer held "
        f"{theirs['statuses']} learner × resource statuses."
    )


if __name__ == "__main__":
    main()
