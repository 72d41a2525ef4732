from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from lms.core.context_processors import site_settings
from lms.core.errors import ServiceError
from lms.core.pdf import pdf_unavailable_reason
from lms.learning.documents import (
    certificate_pdf,
    certificate_png,
    certificate_qr_svg,
    document_response,
    statement_current_year,
    statement_of,
    statement_pdf,
    statement_table,
    statement_year_valid,
)
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


def _own_certificate(request, code: str):
    """The signed-in parent's certificate and its absolute verify address; 404 for anyone
    else's (the same answer as for a code that does not exist)."""
    found = certificate_of_holder(user=request.user, code=code)
    if found is None:
        raise Http404
    return found, request.build_absolute_uri(reverse("verify", args=[found.code]))


def _documents_unavailable(request, error: ServiceError):
    """What a parent sees instead of a file when this server cannot make PDFs: never a 500."""
    return render(request, "learning/document_unavailable.html", {"error": error}, status=503)


@login_required
def certificate(request, code: str):
    found, verify_url = _own_certificate(request, code)
    return render(
        request,
        "learning/certificate.html",
        {
            "certificate": found,
            "verify_url": verify_url,
            "qr": certificate_qr_svg(verify_url=verify_url),
            "files_available": pdf_unavailable_reason() is None,
        },
    )


@login_required
def certificate_file(request, code: str, fmt: str):
    """The certificate as a PDF or a PNG (the PDF's page): inline for the page's <img>,
    an attachment with ?download=1."""
    found, verify_url = _own_certificate(request, code)
    make = certificate_pdf if fmt == "pdf" else certificate_png
    try:
        content = make(
            certificate=found, verify_url=verify_url, site_name=site_settings(request)["SITE_NAME"]
        )
    except ServiceError as error:
        return _documents_unavailable(request, error)
    return document_response(
        content,
        fmt=fmt,
        name=f"certificate-{found.code}",
        attachment=fmt == "pdf" or "download" in request.GET,
        max_age=60 * 60,
    )


@login_required
def statement_current(request):
    return redirect("learning:statement", year=statement_current_year())


@login_required
def statement(request, year: int):
    """The signed-in parent's own 学时 of one school year; nobody else's can be asked for."""
    if not statement_year_valid(year):
        raise Http404
    found = statement_of(user=request.user, year=year)
    context = {
        "statement": found,
        "table": statement_table(statement=found, with_total=False),
        "files_available": pdf_unavailable_reason() is None,
    }
    return render(request, "learning/statement.html", context)


@login_required
def statement_file(request, year: int):
    if not statement_year_valid(year):
        raise Http404
    found = statement_of(user=request.user, year=year)
    try:
        content = statement_pdf(statement=found, site_name=site_settings(request)["SITE_NAME"])
    except ServiceError as error:
        return _documents_unavailable(request, error)
    return document_response(content, fmt="pdf", name=f"credit-hours-{year}", attachment=True)


def verify(request, code: str):
    """Public: confirms a certificate with no more than is needed (a masked name)."""
    found = certificate_by_code(code=code)
    context = {"code": code[:20], "certificate": found}
    if found:
        context["holder"] = holder_name_masked(found.holder_name)
    return render(request, "learning/verify.html", context, status=200 if found else 404)
