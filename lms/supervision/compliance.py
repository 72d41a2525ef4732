"""The per-semester compliance table. The screen, the CSV/XLSX export and
`manage.py compliance_report` all render these rows; each app is read through its selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.activities.meeting_selectors import MeetingCounts, meeting_counts_by_school
from lms.activities.models import Community, Station
from lms.activities.selectors import activities_held, activity_stats
from lms.core.semesters import Semester, semester_label
from lms.core.tables import Table
from lms.homevisits.selectors import school_year_start, visit_coverage, visits_by
from lms.schools.credit_hours import NO_HOURS
from lms.schools.models import School, SchoolStaff, Student
from lms.schools.reports import county_hours, county_report, county_total
from lms.schools.tables import hours_cells, hours_headers
from lms.support.selectors import follow_ups_by, follow_ups_on_time


def _bounds(semester: Semester) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(semester.first_day, time.min), zone)
    end = timezone.make_aware(
        datetime.combine(semester.last_day + timedelta(days=1), time.min), zone
    )
    return start, end


def _school_rows(*, semester: Semester, until: date) -> list[list[str]]:
    """One row per school, in the order of townships and names, and the county's total."""
    start, end = _bounds(semester)
    required = settings.LMS_REQUIRED_SCHOOL_ACTIVITIES
    learning = {row.school.pk: row for row in county_report(today=until)}
    year_start = school_year_start(semester.first_day)
    rows = []
    totals = {"met": 0, "visited": 0, "students": 0, "on_time": 0, "due": 0, "families": 0}
    schools = list(School.objects.order_by("township", "name"))
    for school in schools:
        stats = activity_stats(activities=activities_held(start=start, end=end, school=school))
        coverage = visit_coverage(
            students=Student.objects.filter(school_class__school=school),
            start=year_start,
            end=until,
        )
        on_time, due = follow_ups_on_time(school=school, on=until)
        summary = learning.get(school.pk)
        families = summary.families if summary else 0
        for key, value in (
            ("met", stats.held >= required),
            ("visited", coverage.visited),
            ("students", coverage.students),
            ("on_time", on_time),
            ("due", due),
            ("families", families),
        ):
            totals[key] += value
        rows.append(
            [
                school.name,
                school.township,
                str(stats.held),
                str(required),
                _met(stats.held, required),
                _percent(stats.attendance_rate),
                _percent(stats.satisfaction_rate),
                f"{coverage.visited}/{coverage.students}",
                _percent(coverage.rate),
                f"{on_time}/{due}",
                str(families),
                _tally_rate(summary.tally if summary else None),
                # 学时 of the school year the semester belongs to.
                *hours_cells(summary.hours if summary else NO_HOURS),
            ]
        )
    everywhere = activity_stats(
        activities=activities_held(start=start, end=end).filter(school__isnull=False)
    )
    students = totals["students"]
    rows.append(
        [
            _("County total"),
            "",
            str(everywhere.held),
            str(required * len(schools)),
            f"{totals['met']}/{len(schools)}",
            _percent(everywhere.attendance_rate),
            _percent(everywhere.satisfaction_rate),
            f"{totals['visited']}/{students}",
            _percent(totals["visited"] / students if students else None),
            f"{totals['on_time']}/{totals['due']}",
            str(totals["families"]),
            _tally_rate(county_total(list(learning.values()))),
            *hours_cells(county_hours(today=until).hours),
        ]
    )
    return rows


def _tally_rate(tally) -> str:
    return "—" if tally is None or tally.rate is None else f"{tally.rate}%"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(100 * rate)}%"


def _met(done: int, required: int) -> str:
    return _("yes") if done >= required else _("no")


@dataclass(frozen=True)
class ComplianceTables:
    semester: Semester
    schools: Table
    stations: Table
    coverage: Table
    meetings: Table


def compliance_tables(*, semester: Semester, today: date | None = None) -> ComplianceTables:
    today = today or timezone.localdate()
    until = min(semester.last_day, today)
    school_rows = _school_rows(semester=semester, until=until)
    schools = Table(
        title=_("Schools · %(semester)s") % {"semester": semester_label(semester)},
        headers=[
            _("School"),
            _("Township"),
            _("Guidance activities held"),
            _("Required"),
            _("Requirement met"),
            _("Attendance"),
            _("Satisfaction (4–5 of 5)"),
            _("Home visits (students visited)"),
            _("Home-visit coverage"),
            _("Ledger reviews on time"),
            _("Parents joined"),
            _("Assigned courses completed"),
            *hours_headers(),
        ],
        rows=school_rows,
    )
    start, end = _bounds(semester)
    year_required = settings.LMS_REQUIRED_STATION_ACTIVITIES_PER_YEAR
    year_start = timezone.make_aware(
        datetime(semester.first_day.year, 1, 1), timezone.get_current_timezone()
    )
    year_end = timezone.make_aware(
        datetime(semester.first_day.year + 1, 1, 1), timezone.get_current_timezone()
    )
    station_rows = []
    for station in Station.objects.select_related("community").order_by(
        "community__township", "name"
    ):
        in_semester = activity_stats(
            activities=activities_held(start=start, end=end, station=station)
        )
        in_year = activities_held(start=year_start, end=year_end, station=station).count()
        station_rows.append(
            [
                station.name,
                station.community.name,
                station.community.township,
                station.get_host_display(),
                str(in_semester.held),
                str(in_year),
                str(year_required),
                _met(in_year, year_required),
                _percent(in_semester.attendance_rate),
                _percent(in_semester.satisfaction_rate),
            ]
        )
    stations = Table(
        title=_("Community stations · %(semester)s") % {"semester": semester_label(semester)},
        headers=[
            _("Station"),
            _("Community or village"),
            _("Township"),
            _("Host organisation"),
            _("Activities this semester"),
            _("Activities in %(year)s") % {"year": semester.first_day.year},
            _("Required a year"),
            _("Requirement met"),
            _("Attendance"),
            _("Satisfaction (4–5 of 5)"),
        ],
        rows=station_rows,
    )
    return ComplianceTables(
        semester=semester,
        schools=schools,
        stations=stations,
        coverage=station_coverage(),
        meetings=meetings_table(semester=semester),
    )


def meetings_table(*, semester: Semester) -> Table:
    """Per school: parent meetings and open days held, reception-day slots booked and held
    in the semester; in the order of townships and names, with the county's total."""
    start, end = _bounds(semester)
    counts = meeting_counts_by_school(start=start, end=end)
    rows, totals = [], [0, 0, 0]
    for school in School.objects.order_by("township", "name"):
        found = counts.get(school.pk, MeetingCounts())
        numbers = [found.meetings, found.open_days, found.reception_slots]
        totals = [t + n for t, n in zip(totals, numbers, strict=True)]
        rows.append([school.name, school.township, *map(str, numbers)])
    rows.append([_("County total"), "", *map(str, totals)])
    return Table(
        title=_("Parent meetings, open days and reception days · %(semester)s")
        % {"semester": semester_label(semester)},
        headers=[
            _("School"),
            _("Township"),
            _("Parent meetings held"),
            _("Open days held"),
            _("Reception-day slots booked"),
        ],
        rows=rows,
    )


def station_coverage() -> Table:
    """Communities and villages with a station, per township and for the county (the notice
    asks for stations in 90 % of communities)."""
    by_township: dict[str, list[int]] = {}
    for township, station_id in Community.objects.values_list("township", "station__id").order_by(
        "township"
    ):
        counts = by_township.setdefault(township, [0, 0])
        counts[0] += 1
        counts[1] += 0 if station_id is None else 1
    rows = [
        [township, str(total), str(covered), _percent(covered / total)]
        for township, (total, covered) in by_township.items()
    ]
    total = sum(t for t, _c in by_township.values())
    covered = sum(c for _t, c in by_township.values())
    rows.append(
        [_("County total"), str(total), str(covered), _percent(covered / total if total else None)]
    )
    return Table(
        title=_("Station coverage"),
        headers=[_("Township"), _("Communities and villages"), _("With a station"), _("Coverage")],
        rows=rows,
    )


def teacher_summary(*, school: School, semester: Semester) -> Table:
    """Guidance work per staff member, for evaluation: activities organised, visits made,
    ledger follow-ups. Never parents' viewing minutes; ordered by name, not by numbers."""
    start, end = _bounds(semester)
    rows = []
    posts = SchoolStaff.objects.filter(school=school).select_related("user")
    for post in sorted(posts, key=lambda p: p.user.display_name or p.user.username):
        user = post.user
        organised = activities_held(start=start, end=end, school=school).filter(organised_by=user)
        rows.append(
            [
                user.display_name or user.username,
                str(organised.count()),
                str(visits_by(user=user, start=semester.first_day, end=semester.last_day)),
                str(follow_ups_by(user=user, start=semester.first_day, end=semester.last_day)),
            ]
        )
    return Table(
        title=_("Guidance work · %(school)s · %(semester)s")
        % {"school": school.name, "semester": semester_label(semester)},
        headers=[_("Teacher"), _("Activities organised"), _("Home visits"), _("Ledger follow-ups")],
        rows=rows,
    )
