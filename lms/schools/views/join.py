"""Families join a class from the link or QR code the teacher shares (works in WeChat)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.learning.models import Child
from lms.schools.forms import JoinForm
from lms.schools.models import Guardian, RetiredInvite, SchoolClass
from lms.schools.services import class_join


def _normalise(code: str) -> str:
    return "".join(code.split()).upper()[:12]


def join_enter(request):
    """A box for typing the code, for families told it rather than sent a link."""
    code = _normalise(request.GET.get("code", ""))
    if code:
        return redirect("join", code=code)
    return render(request, "schools/join_enter.html")


def join(request, code: str):
    code = _normalise(code)
    school_class = SchoolClass.objects.select_related("school").filter(invite_code=code).first()
    if school_class is None:
        retired = RetiredInvite.objects.filter(code=code).exists()
        return render(
            request,
            "schools/join_unavailable.html",
            {"reason": "replaced" if retired else "unknown"},
            status=410 if retired else 404,
        )
    if school_class.invite_expires_at and school_class.invite_expires_at < timezone.now():
        return render(request, "schools/join_unavailable.html", {"reason": "expired"}, status=410)
    context = {"school_class": school_class, "code": code}
    if not request.user.is_authenticated:
        return render(request, "schools/join.html", context)
    mine = Guardian.objects.filter(student__school_class=school_class, user=request.user)
    joined = {guardian.student.child_id for guardian in mine.select_related("student")}
    children = Child.objects.filter(guardians=request.user).exclude(pk__in=joined)
    form = JoinForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            guardian = class_join(
                user=request.user,
                school_class=school_class,
                relation=data["relation"],
                nickname=data.get("nickname") or "",
                child=data["child_obj"],
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            if guardian.status == Guardian.Status.PENDING:
                messages.info(request, _("Request sent. The teacher will confirm it soon."))
            else:
                messages.success(request, _("You have joined %(class)s.") % {"class": school_class})
            return redirect("learning:home")
    context.update(form=form, memberships=list(mine))
    return render(request, "schools/join.html", context)
