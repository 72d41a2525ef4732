"""docs/roles.md is the role × permission matrix the declarations give, and stays so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lms.accounts.roles_doc import REGENERATE, roles_doc_render
from lms.accounts.roles_sync import roles_sync

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[3] / "docs" / "roles.md"


def test_docs_roles_md_is_the_matrix_of_the_declared_roles():
    roles_sync()
    rendered = roles_doc_render()
    if os.environ.get("LMS_WRITE_ROLES_DOC"):
        DOC.write_text(rendered, encoding="utf-8")
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert current == rendered, f"docs/roles.md is out of date; regenerate it with:\n  {REGENERATE}"


def test_the_matrix_names_every_role_in_chinese_and_marks_the_ledger_officers_alone():
    roles_sync()
    rendered = roles_doc_render()
    assert "| LedgerOfficer | 台账管理员 | ✓ |" in rendered
    row = next(line for line in rendered.splitlines() if "`support.add_designation`" in line)
    assert row.count("✓") == 1
    assert "| Reviewer | 审核员 | ✓ |" in rendered
    assert "| Parent | 家长 |  |" in rendered
