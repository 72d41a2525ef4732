"""The bureau's and partner departments' compliance view, and a school's teacher summary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.core.semesters import Semester, semester_current, semester_parse, semester_recent
from lms.core.tables import table_response
from lms.schools import access as school_access
from lms.schools.charts import learning_charts
from lms.supervision.charts import coverage_chart
from lms.supervision.compliance import compliance_tables, teacher_summary
from lms.supervision.selectors import may_supervise


def _semester(request) -> tuple[Semester | None, str | None]:
    """The chosen semester (the current one when none is chosen), or None and why: an
    unknown semester shows the message, never another semester's numbers in its place."""
    text = request.GET.get("semester", "").strip()
    if not text:
        return semester_current(timezone.localdate()), None
    try:
        return semester_parse(text), None
    except ServiceError as error:
        return None, str(error)


def _unknown_semester(request, *, error: str, fmt: str, template: str, context: dict):
    if fmt:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    context.update(error=error, semesters=semester_recent(timezone.localdate()))
    return render(request, template, context, status=400)


@login_required
def compliance(request, fmt: str = ""):
    if not may_supervise(user=request.user):
        raise Http404
    semester, error = _semester(request)
    if semester is None:
        return _unknown_semester(
            request, error=error, fmt=fmt, template="supervision/compliance.html", context={}
        )
    tables = compliance_tables(semester=semester)
    if fmt:
        part = request.GET.get("part")
        if part == "stations":
            return table_response(
                tables.stations, fmt=fmt, name=f"compliance-stations-{semester.name}"
            )
        if part == "coverage":
            # Which communities have a station today: the same in every semester.
            return table_response(tables.coverage, fmt=fmt, name="compliance-station-coverage")
        if part in ("weeks", "stages"):
            chart = learning_charts(semester=semester).part(part)
            return table_response(chart.table, fmt=fmt, name=f"compliance-{part}-{semester.name}")
        if part == "meetings":
            return table_response(
                tables.meetings, fmt=fmt, name=f"compliance-meetings-{semester.name}"
            )
        return table_response(tables.schools, fmt=fmt, name=f"compliance-schools-{semester.name}")
    return render(
        request,
        "supervision/compliance.html",
        {
            "tables": tables,
            "charts": learning_charts(semester=semester),
            "coverage": coverage_chart(),
            "semesters": semester_recent(timezone.localdate()),
        },
    )


@login_required
def teachers(request, code: str, fmt: str = ""):
    school = school_access.school_readable(user=request.user, code=code)
    if school is None:
        raise Http404
    semester, error = _semester(request)
    if semester is None:
        return _unknown_semester(
            request,
            error=error,
            fmt=fmt,
            template="supervision/teachers.html",
            context={"school": school},
        )
    table = teacher_summary(school=school, semester=semester)
    if fmt:
        return table_response(table, fmt=fmt, name=f"teachers-{school.code}-{semester.name}")
    return render(
        request,
        "supervision/teachers.html",
        {
            "school": school,
            "table": table,
            "semester": semester,
            "semesters": semester_recent(timezone.localdate()),
        },
    )
