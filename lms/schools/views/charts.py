"""The tables beside the school's and county's charts, as CSV/XLSX downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils import timezone

from lms.core.semesters import semester_current
from lms.core.tables import table_response
from lms.schools import access
from lms.schools.charts import learning_charts


def _current_charts(*, school=None):
    return learning_charts(semester=semester_current(timezone.localdate()), school=school)


@login_required
def school_chart_export(request, code: str, part: str, fmt: str):
    school = access.school_readable(user=request.user, code=code)
    if school is None:
        raise Http404
    charts = _current_charts(school=school)
    chart = charts.part(part)
    if chart is None:
        raise Http404
    return table_response(
        chart.table, fmt=fmt, name=f"school-{school.code}-{part}-{charts.semester.name}"
    )


@login_required
def county_chart_export(request, part: str, fmt: str):
    if not access.is_bureau(request.user):
        raise Http404
    charts = _current_charts()
    chart = charts.part(part)
    if chart is None:
        raise Http404
    return table_response(chart.table, fmt=fmt, name=f"county-{part}-{charts.semester.name}")
