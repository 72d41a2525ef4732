"""The certificate a parent keeps: a PDF and a PNG of the same page, carrying the same
verification code and QR code as the certificate page; nobody else's; never a 500."""

from __future__ import annotations

import ctypes
import io
import sys

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from lms.accounts.roles import Role
from lms.core.pdf import CJK_FONT
from lms.learning.documents import certificate_qr_matrix
from lms.learning.models import Enrolment
from lms.learning.services import certificate_issue
from tests.courses.factories import UserFactory, course_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(parent):
    course = course_add(title="表扬要具体：一分钟学会和孩子好好说话", credit_hours="2.5")
    enrolment = Enrolment.objects.create(
        user=parent,
        course=course,
        lessons_completed=3,
        lessons_required=3,
        completed_at=timezone.now(),
        credit_hours="2.5",
    )
    return certificate_issue(enrolment=enrolment)


def _url(certificate, fmt: str = "") -> str:
    base = f"/learning/certificates/{certificate.code}/"
    return base + (f"certificate.{fmt}" if fmt else "")


def _verify_url(certificate) -> str:
    return f"http://testserver/verify/{certificate.code}/"


def _pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].get_textpage().get_text_bounded()
    finally:
        document.close()


def _pdf_fonts(pdf: bytes) -> set[tuple[str, bool]]:
    """(base font name without the subset prefix, embedded?) of every text on the first page."""
    document = pypdfium2.PdfDocument(pdf)
    fonts = set()
    try:
        for obj in document[0].get_objects():
            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(size)
            pdfium_c.FPDFFont_GetBaseFontName(font, name, size)
            embedded = bool(pdfium_c.FPDFFont_GetIsEmbedded(font))
            fonts.add((name.value.decode().split("+")[-1], embedded))
    finally:
        document.close()
    return fonts


def _qr_modules(png: bytes, size: int) -> list[list[bool]]:
    """Read the QR code back from the picture: the only pure-black area of the design (the
    text is dark brown), cut into `size` × `size` modules, each read at its centre."""
    image = Image.open(io.BytesIO(png)).convert("L")
    box = image.point(lambda value: 255 if value < 24 else 0).getbbox()
    assert box, "no QR code in the picture"
    left, top, right, bottom = box  # right and bottom are exclusive
    side = right - left
    assert abs(side - (bottom - top)) <= 2, "the dark area is not a square QR code"
    pixels = image.load()
    assert side >= 3 * size, f"the QR code is {side} px for {size} modules: too small to scan"
    module = side / size
    return [
        [
            pixels[int(left + (col + 0.5) * module), int(top + (row + 0.5) * module)] < 128
            for col in range(size)
        ]
        for row in range(size)
    ]


@pytest.mark.services("pdf")
def test_the_pdf_is_the_parents_own_with_the_verification_code_and_address(client, certificate):
    client.force_login(certificate.enrolment.user)
    response = client.get(_url(certificate, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf)
    assert certificate.code in text
    assert _verify_url(certificate) in text
    assert "王秀兰" in text and "表扬要具体" in text and "2.5 学时" in text


@pytest.mark.services("pdf")
def test_the_pdf_embeds_noto_sans_cjk_so_chinese_never_prints_as_boxes(client, certificate):
    client.force_login(certificate.enrolment.user)
    fonts = _pdf_fonts(client.get(_url(certificate, "pdf")).content)
    wanted = CJK_FONT.replace(" ", "")
    assert fonts, "the PDF has no text"
    for name, embedded in fonts:
        assert name.replace("-", "").startswith(wanted), f"{name} is not {CJK_FONT}"
        assert embedded, f"{name} is not embedded"


@pytest.mark.services("pdf")
def test_the_picture_is_the_pdf_page_with_the_same_qr_code_as_the_page(client, certificate):
    client.force_login(certificate.enrolment.user)
    response = client.get(_url(certificate, "png"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")  # shown as the page's <img>
    assert "private" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1080, 1528)  # A4 portrait at 1080 px: fills a phone screen

    expected = certificate_qr_matrix(verify_url=_verify_url(certificate))
    assert _qr_modules(response.content, len(expected)) == expected

    download = client.get(_url(certificate, "png") + "?download=1")
    assert download["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.code}.png"'
    )
    assert download.content == response.content


@pytest.mark.services("pdf")
def test_the_certificate_page_shows_the_picture_to_long_press_and_both_downloads(
    client, certificate
):
    client.force_login(certificate.enrolment.user)
    page = client.get(_url(certificate)).content.decode()
    assert f'src="{_url(certificate, "png")}"' in page
    assert "长按图片保存或发送给家人" in page
    assert "在浏览器打开" in page  # WeChat's own browser does not download files
    assert f'href="{_url(certificate, "pdf")}"' in page
    assert f'href="{_url(certificate, "png")}?download=1"' in page
    assert certificate.code in page and _verify_url(certificate) in page


@pytest.mark.parametrize("fmt", ["", "pdf", "png"])
def test_another_parents_certificate_is_not_found_as_page_pdf_or_picture(client, certificate, fmt):
    client.force_login(UserFactory(role=Role.PARENT))
    assert client.get(_url(certificate, fmt)).status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_a_visitor_is_asked_to_sign_in_before_any_file(client, certificate, fmt):
    response = client.get(_url(certificate, fmt))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_code_is_not_found(client, parent):
    client.force_login(parent)
    assert client.get("/learning/certificates/NOPE2345/certificate.pdf").status_code == 404


@pytest.fixture
def without_weasyprint(monkeypatch):
    """A server without WeasyPrint or Pango: importing it fails (None in sys.modules makes
    `import weasyprint` raise ImportError). Only for the fallback message. The cache is
    emptied: a file made earlier would (rightly) still be served."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    cache.clear()


def test_without_pdfs_the_page_says_so_in_chinese_and_still_shows_the_certificate(
    client, certificate, without_weasyprint
):
    client.force_login(certificate.enrolment.user)
    response = client.get(_url(certificate))
    assert response.status_code == 200
    page = response.content.decode()
    assert "暂时无法生成证书的PDF和图片" in page
    assert "certificate.png" not in page and "certificate.pdf" not in page
    assert "王秀兰" in page and certificate.code in page and "<svg" in page


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_without_pdfs_a_file_link_answers_with_a_clear_message_not_a_500(
    client, parent, fmt, without_weasyprint
):
    course = course_add(title="情绪管理", credit_hours="1.0")
    enrolment = Enrolment.objects.create(
        user=parent, course=course, completed_at=timezone.now(), credit_hours="1.0"
    )
    certificate = certificate_issue(enrolment=enrolment)
    client.force_login(parent)
    response = client.get(_url(certificate, fmt))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "服务器暂时无法生成 PDF 文件。" in page and "学时和证书都已保存" in page


@pytest.mark.services("pdf")
def test_the_longest_name_and_title_still_fit_on_one_page_with_nothing_cut(client, parent):
    # The picture is the PDF's first page: a second page would be lost from it.
    parent.display_name = "欧阳" * 20  # 40 characters, the most a certificate keeps
    parent.save()
    title = "孩子沉迷手机游戏怎么办" * 22 + "到此为止了的最后一句"  # 252 of the 255 a page takes
    course = course_add(title=title, credit_hours="2.5")
    enrolment = Enrolment.objects.create(
        user=parent, course=course, completed_at=timezone.now(), credit_hours="2.5"
    )
    certificate = certificate_issue(enrolment=enrolment)
    client.force_login(parent)
    pdf = client.get(_url(certificate, "pdf")).content
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) == 1
    document.close()
    text = "".join(_pdf_text(pdf).split())  # the lines wrap anywhere
    assert certificate.course_title[-6:] in text and "2.5学时。" in text
    assert certificate.code in text and _verify_url(certificate) in text
