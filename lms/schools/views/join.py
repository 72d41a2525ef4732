"""Families join a class from the link or QR code the teacher shares (works in WeChat)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.schools.forms import JoinForm
from lms.schools.models import Guardian
from lms.schools.selectors.joining import children_to_join, invitation_find, memberships_in_class
from lms.schools.services.joining import class_join


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
    invitation = invitation_find(code=code)
    if invitation.school_class is None:
        return render(
            request,
            "schools/join_unavailable.html",
            {"reason": invitation.unavailable},
            status=404 if invitation.unavailable == "unknown" else 410,
        )
    school_class = invitation.school_class
    context = {"school_class": school_class, "code": code}
    if not request.user.is_authenticated:
        return render(request, "schools/join.html", context)
    mine = memberships_in_class(user=request.user, school_class=school_class)
    children = children_to_join(user=request.user, memberships=mine)
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
    context.update(form=form, memberships=mine)
    return render(request, "schools/join.html", context)
