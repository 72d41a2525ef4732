import segno
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from lms.learning.forms import ChildForm
from lms.learning.selectors import (
    certificate_by_code,
    certificate_of_holder,
    holder_name_masked,
    my_learning,
)
from lms.learning.services import child_add


@login_required
def home(request):
    return render(request, "learning/my_learning.html", my_learning(user=request.user))


@login_required
def child_add_view(request):
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child_add(
            guardian=request.user,
            nickname=data["nickname"],
            relation=data["relation"],
            birth_year=data["birth_year"],
            birth_month=data["birth_month"],
            stage=data["stage"],
        )
        return redirect("learning:home")
    return render(request, "learning/child_form.html", {"form": form})


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, border=2)


@login_required
def certificate(request, code: str):
    found = certificate_of_holder(user=request.user, code=code)
    if found is None:
        raise Http404
    verify_url = request.build_absolute_uri(reverse("verify", args=[found.code]))
    return render(
        request,
        "learning/certificate.html",
        {"certificate": found, "verify_url": verify_url, "qr": _qr_svg(verify_url)},
    )


def verify(request, code: str):
    """Public: confirms a certificate with no more than is needed (a masked name)."""
    found = certificate_by_code(code=code)
    context = {"code": code[:20], "certificate": found}
    if found:
        context["holder"] = holder_name_masked(found.holder_name)
    return render(request, "learning/verify.html", context, status=200 if found else 404)
