"""A parent on a 390-pixel phone keeps a certificate: the picture shows on the page (to
long-press in WeChat), and it downloads as a PDF and as an image; the school year's statement
of 学时 downloads as a PDF too."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image

from lms.accounts.roles import Role
from lms.learning.documents import statement_current_year
from lms.learning.models import CreditEntry, Enrolment
from lms.learning.services import certificate_issue, credit_record
from tests.courses.factories import UserFactory, course_add
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in

pytestmark = [
    pytest.mark.services("chromium", "pdf"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390
PICTURE = ".certificate-picture img"
PICTURE_LOADED = """(selector) => { const img = document.querySelector(selector);
  return img !== null && img.complete && img.naturalWidth > 0; }"""


@pytest.fixture
def narrow(browser, request):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844},
        user_agent=WECHAT_UA,
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(30000)
    yield page
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def certificate(db):
    parent = UserFactory(role=Role.PARENT, username="13812340001", display_name="王秀兰")
    course = course_add(title="表扬要具体", credit_hours="0.5")
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        user=parent, course=course, completed_at=now, credit_hours="0.5"
    )
    credit_record(
        user=parent,
        source=CreditEntry.Source.COURSE,
        source_id=course.pk,
        title=course.title,
        hours=Decimal("0.5"),
        earned_at=now,
    )
    return certificate_issue(enrolment=enrolment)


def _download(page, link_text: str):
    with page.expect_download() as info:
        page.click(f"text={link_text}")
    download = info.value
    with open(download.path(), "rb") as handle:
        return download.suggested_filename, handle.read()


def test_the_certificate_shows_as_a_picture_and_downloads_as_pdf_and_image(
    live_server, narrow, certificate
):
    sign_in(narrow, live_server.url, certificate.enrolment.user.username)
    narrow.goto(f"{live_server.url}/learning/")
    narrow.click("a.button:has-text('证书')")
    narrow.wait_for_url(f"**/learning/certificates/{certificate.code}/")

    # The picture is there to long-press: loaded, full resolution, fitted to the phone.
    narrow.wait_for_function(PICTURE_LOADED, arg=PICTURE)
    natural = narrow.eval_on_selector(PICTURE, "img => [img.naturalWidth, img.naturalHeight]")
    assert natural == [1080, 1528]
    shown = narrow.locator(PICTURE).bounding_box()
    assert 0 < shown["width"] <= WIDTH and shown["height"] > shown["width"]
    assert narrow.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    assert narrow.locator("text=长按图片保存或发送给家人").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    narrow.screenshot(path=str(ARTIFACTS / "certificate-picture.png"), full_page=True)

    base = f"{live_server.url}/learning/certificates/{certificate.code}"
    pdf_head = narrow.request.get(f"{base}/certificate.pdf")
    assert pdf_head.headers["content-type"] == "application/pdf"
    png_head = narrow.request.get(f"{base}/certificate.png?download=1")
    assert png_head.headers["content-type"] == "image/png"

    name, pdf = _download(narrow, "下载PDF")
    assert name == f"certificate-{certificate.code}.pdf" and pdf.startswith(b"%PDF-")
    name, png = _download(narrow, "下载图片")
    assert name == f"certificate-{certificate.code}.png"
    assert Image.open(io.BytesIO(png)).size == (1080, 1528)


def test_the_statement_of_the_school_year_downloads_as_a_pdf(live_server, narrow, certificate):
    sign_in(narrow, live_server.url, certificate.enrolment.user.username)
    narrow.goto(f"{live_server.url}/learning/")
    narrow.click("text=本学年学时证明")
    narrow.wait_for_url(f"**/learning/statement/{statement_current_year()}/")
    text = narrow.inner_text("main")
    assert "表扬要具体" in text and "0.5" in text
    assert narrow.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    ARTIFACTS.mkdir(exist_ok=True)
    narrow.screenshot(path=str(ARTIFACTS / "statement.png"), full_page=True)
    name, pdf = _download(narrow, "下载PDF")
    assert name == f"credit-hours-{statement_current_year()}.pdf" and pdf.startswith(b"%PDF-")


def test_a_statement_of_an_earlier_year_is_reached_from_the_current_one(
    live_server, narrow, certificate
):
    parent = certificate.enrolment.user
    year = statement_current_year() - 2
    credit_record(
        user=parent,
        source=CreditEntry.Source.ACTIVITY,
        source_id=7,
        title="家长会",
        hours=Decimal("1.0"),
        earned_at=timezone.make_aware(datetime(year, 10, 10, 19, 0)),
    )
    sign_in(narrow, live_server.url, parent.username)
    narrow.goto(f"{live_server.url}/learning/statement/")
    narrow.click(f"text=‹ {year}")
    narrow.wait_for_url(f"**/learning/statement/{year}/")
    assert "家长会" in narrow.inner_text("main")
