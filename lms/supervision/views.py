"""The bureau's and partner departments' compliance view, and a school's teacher summary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.core.semesters import semester_current, semester_parse, semester_recent
from lms.core.tables import table_response
from lms.schools import access as school_access
from lms.schools.charts import learning_charts
from lms.supervision.charts import coverage_chart
from lms.supervision.compliance import compliance_tables, teacher_summary
from lms.supervision.selectors import may_supervise


def _semester(request):
    text = request.GET.get("semester", "")
    try:
        return semester_parse(text) if text else semester_current(timezone.localdate()), None
    except ServiceError as error:
        return semester_current(timezone.localdate()), str(error)


@login_required
def compliance(request, fmt: str = ""):
    if not may_supervise(user=request.user):
        raise Http404
    semester, error = _semester(request)
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
        return table_response(tables.schools, fmt=fmt, name=f"compliance-schools-{semester.name}")
    return render(
        request,
        "supervision/compliance.html",
        {
            "tables": tables,
            "charts": learning_charts(semester=semester),
            "coverage": coverage_chart(),
            "error": error,
            "semesters": semester_recent(timezone.localdate()),
        },
    )


@login_required
def teachers(request, code: str):
    school = school_access.school_readable(user=request.user, code=code)
    if school is None:
        raise Http404
    semester, error = _semester(request)
    return render(
        request,
        "supervision/teachers.html",
        {
            "school": school,
            "table": teacher_summary(school=school, semester=semester),
            "semester": semester,
            "error": error,
            "semesters": semester_recent(timezone.localdate()),
        },
    )
