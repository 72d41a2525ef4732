"""Head teachers record visits and see who is still to visit, only for their classes; a
school's administrators and the bureau see the coverage per class (counts only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.core.tables import table_response
from lms.homevisits.forms import VisitForm
from lms.homevisits.selectors import (
    class_student,
    class_visits,
    school_visit_coverage,
    school_year_start,
    student_visits,
)
from lms.homevisits.services import visit_record
from lms.homevisits.tables import (
    class_visit_rows,
    class_visits_file_name,
    class_visits_table,
    school_coverage_file_name,
    school_coverage_table,
)
from lms.schools import access


def _class(request, class_id: int):
    school_class = access.class_managed(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404
    return school_class


@login_required
def class_visits_view(request, class_id: int, fmt: str = ""):
    """The class's visits this school year; `fmt` exports the same table (csv, xlsx)."""
    school_class = _class(request, class_id)
    visits = class_visits(school_class=school_class)
    rows = class_visit_rows(visits)
    table = class_visits_table(school_class=school_class, rows=rows)
    if fmt:
        name = class_visits_file_name(school_class=school_class, today=timezone.localdate())
        return table_response(table, fmt=fmt, name=name)
    return render(
        request,
        "homevisits/class_visits.html",
        {
            "school_class": school_class,
            "visits": visits,
            "table": table,
            "pairs": [(student, cells) for student, cells in rows],
            "year_start": school_year_start(),
        },
    )


@login_required
def school_coverage_view(request, code: str, fmt: str = ""):
    """Coverage per class of a school: for its administrators and the bureau, as its report."""
    school = access.school_readable(user=request.user, code=code)
    if school is None:
        raise Http404
    table = school_coverage_table(school=school, rows=school_visit_coverage(school=school))
    if fmt:
        name = school_coverage_file_name(school=school, today=timezone.localdate())
        return table_response(table, fmt=fmt, name=name)
    return render(
        request,
        "homevisits/school_coverage.html",
        {"school": school, "table": table, "year_start": school_year_start()},
    )


@login_required
def student_visit(request, class_id: int, student_id: int):
    school_class = _class(request, class_id)
    student = class_student(school_class=school_class, student_id=student_id)
    if student is None:
        raise Http404
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit_record(
                student=student,
                school_class=school_class,
                recorded_by=request.user,
                **form.cleaned_data,
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Visit recorded."))
            return redirect("homevisits:class", class_id=school_class.pk)
    return render(
        request,
        "homevisits/student_visit.html",
        {
            "school_class": school_class,
            "student": student,
            "form": form,
            "history": student_visits(student=student),
        },
    )
