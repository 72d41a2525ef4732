"""Reports and their exports. Individual rows only for the class's teachers and school admin."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.fields import id_or_none
from lms.core.semesters import semester_current
from lms.core.tables import table_response
from lms.schools import access
from lms.schools.charts import learning_charts
from lms.schools.forms import RosterForm
from lms.schools.reports import (
    class_report,
    county_hours,
    county_report,
    county_total,
    school_report,
)
from lms.schools.roster import roster_import, roster_template_csv
from lms.schools.tables import (
    class_report_table,
    county_report_table,
    school_report_table,
)


def _assignment_param(request) -> int | None:
    return id_or_none(request.GET.get("assignment", ""))


@login_required
def class_report_view(request, class_id: int, fmt: str = ""):
    school_class = access.class_managed(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404
    report = class_report(school_class=school_class, assignment_id=_assignment_param(request))
    table = class_report_table(report)
    if fmt:
        # school, grade, class and assignment: several exports in one folder stay apart
        name = f"class-report-{school_class.school.code}-{school_class.grade}-class-{class_id}"
        if report.assignment:
            name += f"-assignment-{report.assignment.pk}"
        return table_response(table, fmt=fmt, name=name)
    chart = {
        "labels": [day.isoformat() for day, _count in report.timeline],
        "values": [count for _day, count in report.timeline],
        "label": _("Families completed"),
    }
    return render(
        request,
        "schools/class_report.html",
        {
            "report": report,
            "table": table,
            "rows": list(zip(report.rows, table.rows, strict=True)),
            "chart_json": json.dumps(chart),
        },
    )


@login_required
def school_view(request, code: str, fmt: str = ""):
    school = access.school_readable(user=request.user, code=code)
    if school is None:
        raise Http404
    report = school_report(school=school)
    table = school_report_table(report)
    if fmt:
        return table_response(table, fmt=fmt, name=f"school-{school.code}")
    return render(
        request,
        "schools/school_report.html",
        {
            "report": report,
            "table": table,
            "can_manage": access.school_administered(user=request.user, code=code) is not None,
            "charts": learning_charts(
                semester=semester_current(timezone.localdate()), school=school
            ),
        },
    )


@login_required
def roster_view(request, code: str):
    school = access.school_administered(user=request.user, code=code)
    if school is None:
        raise Http404
    form = RosterForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = roster_import(
            upload.read(),
            school=school,
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok and not result.dry_run:
            messages.success(request, _("The roster was imported."))
    return render(
        request, "schools/roster.html", {"school": school, "form": form, "result": result}
    )


@login_required
def roster_template(request, code: str):
    if access.school_administered(user=request.user, code=code) is None:
        raise Http404
    response = HttpResponse(roster_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="roster-template.csv"'
    return response


@login_required
def county_view(request, fmt: str = ""):
    if not access.is_bureau(request.user):
        raise Http404
    rows = county_report()
    hours = county_hours()
    table = county_report_table(rows, hours)
    if fmt:
        return table_response(table, fmt=fmt, name="county")
    return render(
        request,
        "schools/county.html",
        {
            "charts": learning_charts(semester=semester_current(timezone.localdate())),
            "table": table,
            "rows": list(zip(rows, table.rows[:-1], strict=True)),
            "total_row": table.rows[-1],
            "total": county_total(rows),
            "hours": hours,
        },
    )
