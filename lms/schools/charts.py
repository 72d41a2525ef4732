"""Completion and participation of a school's (or the county's) families over the weeks of a
semester and by stage (学段): the charts of the school report, the county report and
supervision, each with the table of its numbers.

Counts only, in an order fixed by time or stage, never by value: nothing here ranks a
school, a teacher or a family. A family takes part in a week when it opened, watched or
finished a lesson or a talk replay that week (each progress row keeps its first, newest and
finishing moments, not every beat, so a family watching the same lesson for weeks counts in
the first and the newest of them). Completion counts (course assigned, family) pairs that
were finished by a week's end, as the reports do; excused families are not counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from lms.core.charts import Chart, Series, percent_of, percent_text
from lms.core.semesters import Semester, semester_label
from lms.core.tables import Table
from lms.learning.models import LessonProgress, TalkProgress
from lms.schools import audience
from lms.schools.grades import GRADE_BY_CODE
from lms.schools.models import Assignment, Guardian, School

# 学段 as the bureau counts them: the three primary stages of the catalogue are one here.
SCHOOL_STAGES = (
    ("kindergarten", pgettext_lazy("stage", "Kindergarten")),
    ("primary", pgettext_lazy("stage", "Primary school")),
    ("junior", pgettext_lazy("stage", "Junior secondary")),
    ("senior", pgettext_lazy("stage", "Senior secondary")),
)
_STAGE_OF_CATALOGUE = {
    "kindergarten": "kindergarten",
    "primary_lower": "primary",
    "primary_middle": "primary",
    "primary_upper": "primary",
    "junior": "junior",
    "senior": "senior",
}


def school_stage(grade: str) -> str | None:
    """The 学段 of a grade code ("p3" → "primary"); None for a grade the roster left out."""
    found = GRADE_BY_CODE.get(grade)
    return _STAGE_OF_CATALOGUE.get(found.stage) if found else None


@dataclass(frozen=True)
class WeekPoint:
    number: int  # 1 for the semester's first week
    first_day: date
    last_day: date
    families: int  # joined families of the school or county
    taking_part: int
    assigned: int  # (assignment, family) pairs started by the week's end, not excused
    completed: int  # of those, finished by the week's end

    @property
    def participation(self) -> float | None:
        return percent_of(self.taking_part, self.families)

    @property
    def completion(self) -> float | None:
        return percent_of(self.completed, self.assigned)


@dataclass(frozen=True)
class StagePoint:
    stage: str
    label: str
    families: int
    taking_part: int  # families of the stage who took part in any week of the semester
    assigned: int
    completed: int

    @property
    def participation(self) -> float | None:
        return percent_of(self.taking_part, self.families)

    @property
    def completion(self) -> float | None:
        return percent_of(self.completed, self.assigned)


@dataclass(frozen=True)
class SemesterLearning:
    semester: Semester
    weeks: list[WeekPoint]
    stages: list[StagePoint]

    @property
    def empty(self) -> bool:
        """Nothing assigned and nobody took part: the semester has no data yet."""
        return not any(w.assigned or w.taking_part for w in self.weeks)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _week_bounds(semester: Semester, until: date) -> list[tuple[date, date]]:
    """7-day weeks from the semester's first day to `until` (the last one may be short)."""
    last = min(semester.last_day, until)
    weeks, start = [], semester.first_day
    while start <= last:
        weeks.append((start, min(start + timedelta(days=6), semester.last_day)))
        start += timedelta(days=7)
    return weeks


def _active_days(*, users, start: date, end: date) -> dict[int, set[date]]:
    """For each family, the local days in [start, end] it opened, watched or finished a lesson
    or a talk replay (the moments each progress row keeps)."""
    low, high = _local_midnight(start), _local_midnight(end + timedelta(days=1))
    days: dict[int, set[date]] = defaultdict(set)
    for model in (LessonProgress, TalkProgress):
        in_range = (
            Q(first_seen_at__gte=low, first_seen_at__lt=high)
            | Q(last_beat_at__gte=low, last_beat_at__lt=high)
            | Q(completed_at__gte=low, completed_at__lt=high)
        )
        rows = model.objects.filter(in_range, user_id__in=users).values_list(
            "user_id", "first_seen_at", "last_beat_at", "completed_at"
        )
        for user_id, *moments in rows:
            for moment in moments:
                if moment is not None and low <= moment < high:
                    days[user_id].add(timezone.localdate(moment))
    return days


def semester_learning(
    *, semester: Semester, school: School | None = None, today: date | None = None
) -> SemesterLearning:
    """Weeks and stages of one school's families, or the county's with `school=None`, in a
    fixed number of queries."""
    today = today or timezone.localdate()
    until = min(semester.last_day, today)
    weeks = _week_bounds(semester, until)
    guardians = Guardian.objects.all()
    assignments = Assignment.objects.filter(starts_on__lte=until, due_on__gte=semester.first_day)
    if school is not None:
        guardians = guardians.filter(student__school_class__school=school)
        assignments = assignments.filter(school=school)
    if not weeks:
        return SemesterLearning(semester=semester, weeks=[], stages=[])
    members = audience.members(guardians=guardians)
    assignments = list(assignments)
    active_users = guardians.filter(status=Guardian.Status.ACTIVE, user__isnull=False).values(
        "user_id"
    )
    chosen = audience.chosen_lessons(assignments)
    done = audience.completions(assignments, chosen, users=active_users)
    excused = audience.excuses(assignments)
    by_school: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        by_school[assignment.school_id].append(assignment)

    families_of: dict[str, set[int]] = defaultdict(set)
    pairs_of: dict[str, set[tuple[int, int]]] = defaultdict(set)
    families: set[int] = set()
    pairs: dict[tuple[int, int], Assignment] = {}
    for member in members:
        stage = school_stage(member.grade)
        families.add(member.user_id)
        if stage:
            families_of[stage].add(member.user_id)
        for assignment in by_school.get(member.school_id, ()):
            if not audience.targets(
                assignment, class_id=member.class_id, grade=member.grade, school_id=member.school_id
            ):
                continue
            exception = excused.get((assignment.pk, member.user_id))
            if exception and exception.excused:
                continue
            pair = (assignment.pk, member.user_id)
            pairs[pair] = assignment
            if stage:
                pairs_of[stage].add(pair)

    def finished_by(pair: tuple[int, int], day: date) -> bool:
        when = done[pair[0]].get(pair[1])
        return when is not None and when <= day

    days = _active_days(users=active_users, start=semester.first_day, end=until)
    days = {user: found for user, found in days.items() if user in families}
    week_points = []
    for number, (first_day, last_day) in enumerate(weeks, start=1):
        end = min(last_day, until)
        started = [pair for pair, a in pairs.items() if a.starts_on <= end]
        week_points.append(
            WeekPoint(
                number=number,
                first_day=first_day,
                last_day=last_day,
                families=len(families),
                taking_part=sum(
                    1 for found in days.values() if any(first_day <= d <= end for d in found)
                ),
                assigned=len(started),
                completed=sum(1 for pair in started if finished_by(pair, end)),
            )
        )
    stage_points = [
        StagePoint(
            stage=code,
            label=str(label),
            families=len(families_of[code]),
            taking_part=len(families_of[code] & days.keys()),
            assigned=len(pairs_of[code]),
            completed=sum(1 for pair in pairs_of[code] if finished_by(pair, until)),
        )
        for code, label in SCHOOL_STAGES
        if families_of[code] or pairs_of[code]
    ]
    return SemesterLearning(semester=semester, weeks=week_points, stages=stage_points)


# ------------------------------------------------------------------ charts and tables


@dataclass(frozen=True)
class LearningCharts:
    semester: Semester
    weeks: Chart
    stages: Chart

    @property
    def all(self) -> list[Chart]:
        return [self.weeks, self.stages]

    def part(self, key: str) -> Chart | None:
        return next((chart for chart in self.all if chart.key == key), None)


def _notes() -> list[str]:
    return [
        _(
            "A family takes part in a week when it opens, watches or finishes a lesson or a "
            "talk replay that week."
        ),
        _(
            "Completion: of the courses assigned to families (each family and course once), "
            "the share finished by then; excused families are not counted."
        ),
    ]


def _done_of(completed: int, assigned: int) -> str:
    return f"{completed}/{assigned}"


def learning_charts(
    *, semester: Semester, school: School | None = None, today: date | None = None
) -> LearningCharts:
    """The two charts and their tables for a school (or the county with `school=None`)."""
    learning = semester_learning(semester=semester, school=school, today=today)
    where = school.name if school is not None else _("County")
    when = semester_label(semester)
    participation, completion = _("Participation"), _("Completion rate")
    weeks = learning.weeks
    weeks_chart = Chart(
        key="weeks",
        kind="line",
        title=_("Completion and participation by week"),
        labels=[_("Week %(number)s") % {"number": w.number} for w in weeks],
        series=[
            Series(participation, [w.participation for w in weeks]),
            Series(completion, [w.completion for w in weeks]),
        ],
        table=Table(
            title=f"{where} · {when} · {_('By week')}",
            headers=[
                _("Week"),
                _("Families taking part"),
                participation,
                _("Completed of assigned"),
                completion,
            ],
            rows=[
                [
                    _("Week %(number)s (from %(date)s)")
                    % {"number": w.number, "date": w.first_day.strftime("%m-%d")},
                    str(w.taking_part),
                    percent_text(w.participation),
                    _done_of(w.completed, w.assigned),
                    percent_text(w.completion),
                ]
                for w in weeks
            ],
        ),
        empty=learning.empty,
        notes=_notes(),
    )
    stages = learning.stages
    stages_chart = Chart(
        key="stages",
        kind="bar",
        title=_("Completion and participation by stage"),
        labels=[s.label for s in stages],
        series=[
            Series(participation, [s.participation for s in stages]),
            Series(completion, [s.completion for s in stages]),
        ],
        table=Table(
            title=f"{where} · {when} · {_('By stage')}",
            headers=[
                _("Stage"),
                _("Families joined"),
                _("Families taking part"),
                participation,
                _("Completed of assigned"),
                completion,
            ],
            rows=[
                [
                    s.label,
                    str(s.families),
                    str(s.taking_part),
                    percent_text(s.participation),
                    _done_of(s.completed, s.assigned),
                    percent_text(s.completion),
                ]
                for s in stages
            ],
        ),
        empty=learning.empty,
    )
    return LearningCharts(semester=semester, weeks=weeks_chart, stages=stages_chart)
