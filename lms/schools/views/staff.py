"""Teachers' and school administrators' pages: classes, invitations, families, assignments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.core.qr import qr_response, qr_svg_inline
from lms.schools import access
from lms.schools.forms import (
    AssignmentForm,
    ClassForm,
    ClassTeachersForm,
    ExceptionForm,
    InviteSettingsForm,
    StaffAddForm,
)
from lms.schools.models import Assignment, Guardian, SchoolClass
from lms.schools.reports import assignments_for_class
from lms.schools.selectors.assignments import assignment_exception, assignment_family_guardian
from lms.schools.selectors.classes import (
    class_guardian,
    class_guardians,
    class_teacher_ids,
    classes_of_staff,
    school_classes,
)
from lms.schools.selectors.guardians import guardians_unverified
from lms.schools.selectors.staff import (
    classes_creatable,
    school_staff_users,
    staff_post,
    staff_posts,
)
from lms.schools.services.assignments import (
    assignment_create,
    assignment_delete,
    assignment_exception_set,
)
from lms.schools.services.classes import (
    class_create,
    class_settings_update,
    class_teachers_set,
    invite_expires_at_for,
    invite_rotate,
)
from lms.schools.services.joining import guardian_confirm, guardian_remove
from lms.schools.services.staff import staff_appoint, staff_remove


def _managed_class(request, class_id: int) -> SchoolClass:
    found = access.class_managed(user=request.user, class_id=class_id)
    if found is None:
        raise Http404
    return found


def _join_url(request, school_class: SchoolClass) -> str:
    return request.build_absolute_uri(reverse("join", args=[school_class.invite_code]))


@login_required
def staff_home(request):
    if not access.is_school_staff(request.user):
        raise Http404
    return render(
        request,
        "schools/staff_home.html",
        {
            "classes": classes_of_staff(user=request.user),
            "schools": access.schools_administered(user=request.user),
            "can_create": classes_creatable(user=request.user),
            "is_bureau": access.is_bureau(request.user),
        },
    )


@login_required
def class_new(request):
    if not classes_creatable(user=request.user):
        raise Http404
    schools = access.schools_of_staff(user=request.user)
    form = ClassForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            school_class = class_create(
                school=data["school"],
                grade=data["grade"],
                name=data["name"],
                head_teacher=request.user,
                requires_approval=data["requires_approval"],
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            return redirect("schools:class", class_id=school_class.pk)
    return render(request, "schools/class_form.html", {"form": form})


@login_required
def class_detail(request, class_id: int):
    school_class = _managed_class(request, class_id)
    guardians = class_guardians(school_class=school_class)
    expires = school_class.invite_expires_at
    settings_form = InviteSettingsForm(
        initial={
            "requires_approval": school_class.join_requires_approval,
            "expires_on": timezone.localtime(expires).date() if expires else None,
        }
    )
    join_url = _join_url(request, school_class)
    is_school_admin = (
        access.school_administered(user=request.user, code=school_class.school.code) is not None
    )
    teachers_form = None
    if is_school_admin:
        teachers_form = ClassTeachersForm(
            initial={
                "head_teacher": school_class.head_teacher_id,
                "teachers": class_teacher_ids(school_class=school_class),
            },
            staff=school_staff_users(school=school_class.school),
        )
    return render(
        request,
        "schools/class_detail.html",
        {
            "school_class": school_class,
            "join_url": join_url,
            "qr": qr_svg_inline(join_url, scale=5),
            "expired": school_class.invite_expired(),
            "settings_form": settings_form,
            "pending": [g for g in guardians if g.status == Guardian.Status.PENDING],
            "joined": [g for g in guardians if g.status == Guardian.Status.ACTIVE],
            "assignments": assignments_for_class(school_class=school_class),
            "teachers_form": teachers_form,
            # Grade and school-wide assignments are the school administrators' to withdraw.
            "withdraws_wide": is_school_admin,
            "unverified": list(guardians_unverified(school_classes=[school_class])),
            # Reset codes for parents without SMS: the head teacher or a school administrator.
            "can_issue_reset": is_school_admin or school_class.head_teacher_id == request.user.pk,
        },
    )


@require_POST
@login_required
def class_teachers(request, class_id: int):
    school_class = _managed_class(request, class_id)
    if access.school_administered(user=request.user, code=school_class.school.code) is None:
        raise Http404
    form = ClassTeachersForm(request.POST, staff=school_staff_users(school=school_class.school))
    if form.is_valid():
        class_teachers_set(
            school_class=school_class,
            head_teacher=form.cleaned_data["head_teacher"],
            teachers=list(form.cleaned_data["teachers"]),
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose teachers of this school."))
    return redirect("schools:class", class_id=class_id)


@login_required
def school_staff(request, code: str):
    school = access.school_administered(user=request.user, code=code)
    if school is None:
        raise Http404
    form = StaffAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff_appoint(
            school=school, user=form.cleaned_data["who"], is_admin=form.cleaned_data["is_admin"]
        )
        messages.success(request, _("Saved."))
        return redirect("schools:staff", code=code)
    posts = staff_posts(school=school)
    return render(request, "schools/staff.html", {"school": school, "form": form, "posts": posts})


@require_POST
@login_required
def school_staff_remove(request, code: str, post_id: int):
    school = access.school_administered(user=request.user, code=code)
    if school is None:
        raise Http404
    post = staff_post(school=school, post_id=post_id)
    if post is None:
        raise Http404
    try:
        staff_remove(post=post, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Removed."))
    return redirect("schools:staff", code=code)


@login_required
def class_qr(request, class_id: int, fmt: str):
    school_class = _managed_class(request, class_id)
    return qr_response(
        _join_url(request, school_class), fmt=fmt, filename=f"class-{school_class.pk}-invite"
    )


@require_POST
@login_required
def class_rotate(request, class_id: int):
    school_class = _managed_class(request, class_id)
    invite_rotate(school_class=school_class, expires_at=school_class.invite_expires_at)
    messages.success(request, _("A new invitation is ready; the old link no longer works."))
    return redirect("schools:class", class_id=class_id)


@require_POST
@login_required
def class_settings(request, class_id: int):
    school_class = _managed_class(request, class_id)
    form = InviteSettingsForm(request.POST)
    if form.is_valid():
        class_settings_update(
            school_class=school_class,
            requires_approval=form.cleaned_data["requires_approval"],
            expires_at=invite_expires_at_for(expires_on=form.cleaned_data["expires_on"]),
        )
        messages.success(request, _("Saved."))
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect("schools:class", class_id=class_id)


@require_POST
@login_required
def guardian_decide(request, class_id: int, guardian_id: int, decision: str):
    school_class = _managed_class(request, class_id)
    guardian = class_guardian(school_class=school_class, guardian_id=guardian_id)
    if guardian is None:
        raise Http404
    if decision == "approve":
        # Approving is vouching for the family (it also confirms a listed number nobody proved).
        guardian_confirm(guardian=guardian, by=request.user)
        messages.success(request, _("Approved."))
    else:
        guardian_remove(guardian=guardian)
        messages.success(request, _("Removed from the class."))
    return redirect("schools:class", class_id=class_id)


def _assign(request, *, school, classes, allow_wide: bool, back: str):
    form = AssignmentForm(request.POST or None, classes=classes, allow_wide=allow_wide)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = assignment_create(
                school=school,
                scope=data["scope"],
                school_class=data.get("class_obj"),
                grade=data.get("grade") or "",
                course=data["course"],
                lessons=list(data["lessons"]),
                starts_on=data["starts_on"],
                due_on=data["due_on"],
                note=data["note"],
                created_by=request.user,
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(
                request, _("Assigned “%(course)s”.") % {"course": assignment.course.title}
            )
            return redirect(back)
    return render(
        request, "schools/assignment_form.html", {"form": form, "school": school, "back": back}
    )


@login_required
def class_assign(request, class_id: int):
    school_class = _managed_class(request, class_id)
    return _assign(
        request,
        school=school_class.school,
        classes=[school_class],
        allow_wide=False,
        back=reverse("schools:class", args=[class_id]),
    )


@login_required
def school_assign(request, code: str):
    school = access.school_administered(user=request.user, code=code)
    if school is None:
        raise Http404
    return _assign(
        request,
        school=school,
        classes=school_classes(school=school),
        allow_wide=True,
        back=reverse("schools:school", args=[code]),
    )


@login_required
def assignment_family(request, assignment_id: int, user_id: int):
    """Excuse one family or give them more time; only staff who manage the assignment."""
    assignment = access.assignment_managed(user=request.user, assignment_id=assignment_id)
    if assignment is None:
        raise Http404
    guardian = assignment_family_guardian(user=request.user, assignment=assignment, user_id=user_id)
    if guardian is None:
        raise Http404
    current = assignment_exception(assignment=assignment, user_id=user_id)
    form = ExceptionForm(
        request.POST or None,
        initial={"excused": current.excused, "due_on": current.due_on} if current else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment_exception_set(
                assignment=assignment,
                user_id=user_id,
                excused=form.cleaned_data["excused"],
                due_on=form.cleaned_data["due_on"],
            )
        except ServiceError as error:
            form.add_error("due_on", str(error))
        else:
            messages.success(request, _("Saved."))
            url = reverse("schools:class_report", args=[guardian.student.school_class_id])
            return redirect(f"{url}?assignment={assignment.pk}")
    return render(
        request,
        "schools/assignment_family.html",
        {"form": form, "assignment": assignment, "guardian": guardian},
    )


@login_required
def assignment_remove(request, assignment_id: int):
    """Withdraw an assignment: the page says what goes and asks once; the button posts."""
    assignment = access.assignment_managed(user=request.user, assignment_id=assignment_id)
    if assignment is None:
        raise Http404
    back = (
        reverse("schools:class", args=[assignment.school_class_id])
        if assignment.scope == Assignment.Scope.CLASS
        else reverse("schools:school", args=[assignment.school.code])
    )
    if request.method != "POST":
        return render(
            request, "schools/assignment_remove.html", {"assignment": assignment, "back": back}
        )
    assignment_delete(assignment=assignment)
    messages.success(request, _("The assignment was withdrawn."))
    return redirect(back)
