"""A parent's statement of 学时 for a school year: the page and its PDF, always the signed-in
parent's own; a year without hours is an empty statement, not an error."""

from __future__ import annotations

import sys
from datetime import datetime
from decimal import Decimal

import pypdfium2
import pytest
from django.core.cache import cache
from django.utils import timezone

from lms.accounts.roles import Role
from lms.learning.documents import statement_current_year, statement_of
from lms.learning.models import CreditEntry
from lms.learning.services import credit_record
from tests.courses.factories import UserFactory

pytestmark = pytest.mark.django_db

COURSE, ACTIVITY, TALK = (
    CreditEntry.Source.COURSE,
    CreditEntry.Source.ACTIVITY,
    CreditEntry.Source.TALK,
)


def _earn(user, source, source_id, title, hours, *when):
    return credit_record(
        user=user,
        source=source,
        source_id=source_id,
        title=title,
        hours=Decimal(hours),
        earned_at=timezone.make_aware(datetime(*when)),
    )


@pytest.fixture
def ledger(parent):
    """Worked by hand: the school year 2026 runs 2026-09-01 … 2027-08-31 (LMS_SEMESTERS'
    default), so 1.5 + 2.0 + 1.0 = 4.5 hours are in it; the August one is the year before."""
    _earn(parent, COURSE, 1, "表扬要具体", "3.0", 2026, 8, 31, 23, 30)
    _earn(parent, COURSE, 2, "情绪管理", "1.5", 2026, 9, 1, 0, 10)
    _earn(parent, ACTIVITY, 3, "家长会：幼小衔接", "2.0", 2027, 3, 14, 19, 0)
    _earn(parent, TALK, 4, "讲座回放：青春期沟通", "1.0", 2027, 8, 31, 22, 0)
    stranger = UserFactory(role=Role.PARENT, display_name="李四")
    _earn(stranger, COURSE, 2, "别人的课程", "9.0", 2026, 10, 1, 9, 0)
    return parent


def test_the_statement_lists_the_school_years_entries_oldest_first_with_the_total(ledger):
    statement = statement_of(user=ledger, year=2026)
    assert [(e.earned_on.isoformat(), e.title, e.hours) for e in statement.entries] == [
        ("2026-09-01", "情绪管理", Decimal("1.5")),
        ("2027-03-14", "家长会：幼小衔接", Decimal("2.0")),
        ("2027-08-31", "讲座回放：青春期沟通", Decimal("1.0")),
    ]
    assert statement.total == Decimal("4.5")
    assert statement.holder_name == "王秀兰"
    assert statement.previous is not None and statement.previous[0] == 2025


def test_the_page_shows_the_entries_kinds_and_total_and_links_the_year_before(client, ledger):
    client.force_login(ledger)
    response = client.get("/learning/statement/2026/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026–2027学年学时" in page
    for text in ("情绪管理", "家长会：幼小衔接", "讲座回放：青春期沟通", "课程", "指导活动"):
        assert text in page
    assert "讲座回放" in page and "2027-03-14" in page
    assert "合计" in page and "4.5" in page
    assert "表扬要具体" not in page  # the school year before
    assert "别人的课程" not in page and "9.0" not in page  # another parent's hours
    assert 'href="/learning/statement/2025/"' in page


def test_a_year_without_hours_is_an_empty_statement_not_an_error(client, parent):
    client.force_login(parent)
    response = client.get("/learning/statement/2030/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "本学年没有获得学时" in page and "<strong>0.0</strong>" in page


@pytest.mark.parametrize("year", ["1999", "3000", "123456789012345678901234567890"])
def test_a_year_out_of_range_is_not_found(client, parent, year):
    client.force_login(parent)
    assert client.get(f"/learning/statement/{year}/").status_code == 404
    assert client.get(f"/learning/statement/{year}/statement.pdf").status_code == 404


def test_the_plain_address_opens_the_current_school_year(client, parent):
    client.force_login(parent)
    response = client.get("/learning/statement/")
    assert response.status_code == 302
    assert response["Location"] == f"/learning/statement/{statement_current_year()}/"


def test_my_learning_links_to_the_statement(client, parent):
    client.force_login(parent)
    assert 'href="/learning/statement/"' in client.get("/learning/").content.decode()


@pytest.mark.parametrize(
    "path", ["/learning/statement/2026/", "/learning/statement/2026/statement.pdf"]
)
def test_a_visitor_is_asked_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


@pytest.mark.services("pdf")
def test_the_pdf_holds_the_same_lines_and_total_for_the_signed_in_parent(client, ledger):
    client.force_login(ledger)
    response = client.get("/learning/statement/2026/statement.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="credit-hours-2026.pdf"'
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    text = _pdf_text(response.content)
    assert "王秀兰" in text and "2026–2027学年学时" in text
    for line in (
        "2026-09-01",
        "情绪管理",
        "2027-03-14",
        "家长会：幼小衔接",
        "讲座回放：青春期沟通",
    ):
        assert line in text
    assert "合计" in text and "4.5" in text
    assert "表扬要具体" not in text and "别人的课程" not in text and "李四" not in text


@pytest.mark.services("pdf")
def test_the_pdf_of_a_year_without_hours_says_so(client, parent):
    client.force_login(parent)
    response = client.get("/learning/statement/2030/statement.pdf")
    assert response.status_code == 200
    assert "本学年没有获得学时" in _pdf_text(response.content)


def test_without_pdfs_the_page_still_shows_the_hours_and_the_pdf_link_explains(
    client, ledger, monkeypatch
):
    # A server without WeasyPrint or Pango: importing it fails. Only for the message. The
    # cache is emptied: a file made earlier would (rightly) still be served.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    cache.clear()
    client.force_login(ledger)
    page = client.get("/learning/statement/2026/").content.decode()
    assert "4.5" in page and "暂时无法生成PDF" in page and "statement.pdf" not in page
    response = client.get("/learning/statement/2026/statement.pdf")
    assert response.status_code == 503
    assert "服务器暂时无法生成 PDF 文件。" in response.content.decode()


@pytest.mark.services("pdf")
def test_a_new_hour_is_in_the_next_pdf_at_once(client, ledger):
    client.force_login(ledger)
    before = _pdf_text(client.get("/learning/statement/2026/statement.pdf").content)
    _earn(ledger, ACTIVITY, 9, "家庭教育讲座", "0.5", 2027, 4, 2, 19, 0)
    after = _pdf_text(client.get("/learning/statement/2026/statement.pdf").content)
    assert "家庭教育讲座" not in before and "4.5" in before
    assert "家庭教育讲座" in after and "5.0" in after
