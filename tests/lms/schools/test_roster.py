import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from openpyxl import Workbook

from lms.learning.models import Guardianship
from lms.schools.models import Guardian, SchoolClass, Student
from lms.schools.roster import roster_import
from tests.lms.schools.factories import parent_add, school_add

pytestmark = pytest.mark.django_db

ROWS = [
    ["年级", "班级", "学生", "家长", "手机号", "关系"],
    ["三年级", "2班", "小明", "王秀兰", "13800138000", "母亲"],
    ["三年级", "2班", "小明", "", "138-0013-8001", "父亲"],
    ["三年级", "(1)班", "LY", "", "13800138002", "奶奶"],
    ["一年级", "一班", "豆豆", "", "+86 13800138003", "外祖母"],
]


def csv_bytes(rows, encoding="utf-8"):
    return "\n".join(",".join(row) for row in rows).encode(encoding)


def xlsx_bytes(rows, numeric_phones=False):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        cells = list(row)
        if numeric_phones and cells[4].isdigit():
            cells[4] = int(cells[4])
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def school():
    return school_add()


def assert_imported(school):
    classes = {str(c) for c in SchoolClass.objects.filter(school=school)}
    assert classes == {"三年级2班", "三年级1班", "一年级1班"}
    assert Student.objects.filter(school_class__school=school).count() == 3
    xiaoming = Student.objects.get(nickname="小明")
    assert sorted(xiaoming.guardians.values_list("phone", "relation")) == [
        ("13800138000", "mother"),
        ("13800138001", "father"),
    ]
    assert Guardian.objects.get(phone="13800138003").relation == "maternal_grandmother"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_in_the_encodings_offices_save(school, encoding):
    result = roster_import(csv_bytes(ROWS, encoding), school=school)
    assert result.ok, result.errors
    assert (result.classes_created, result.students_created, result.guardians_created) == (3, 3, 4)
    assert_imported(school)


def test_tab_separated_text_from_excel(school):
    text = "\n".join("\t".join(row) for row in ROWS)
    assert roster_import(text.encode("utf-16"), school=school).ok
    assert_imported(school)


def test_xlsx_with_phone_numbers_typed_as_numbers(school):
    result = roster_import(xlsx_bytes(ROWS, numeric_phones=True), school=school)
    assert result.ok, result.errors
    assert_imported(school)


def test_english_headers(school):
    rows = [["grade", "class", "student", "guardian", "phone", "relation"], *ROWS[1:]]
    assert roster_import(csv_bytes(rows), school=school).ok


def test_a_teacher_using_the_english_interface_imports_the_same_chinese_roster(school):
    with translation.override("en"):
        result = roster_import(csv_bytes(ROWS), school=school)
    assert result.ok, result.errors
    assert_imported(school)


def test_relations_may_also_be_written_as_the_english_interface_names_them(school):
    rows = [ROWS[0], ["三年级", "2班", "小明", "", "13800138000", "Mother"]]
    with translation.override("en"):
        assert roster_import(csv_bytes(rows), school=school).ok
    assert Guardian.objects.get(phone="13800138000").relation == "mother"


def test_dry_run_checks_and_writes_nothing(school):
    result = roster_import(csv_bytes(ROWS), school=school, dry_run=True)
    assert result.ok and result.dry_run
    assert result.students_created == 3  # what it would do
    assert not SchoolClass.objects.exists() and not Guardian.objects.exists()


def test_reimport_adds_nothing(school):
    roster_import(csv_bytes(ROWS), school=school)
    again = roster_import(csv_bytes(ROWS), school=school)
    assert again.ok
    assert (again.classes_created, again.students_created, again.guardians_created) == (0, 0, 0)
    assert Guardian.objects.count() == 4


def test_a_registered_parent_is_linked_with_a_child_profile(school):
    parent = parent_add(phone_verified_at=timezone.now())
    rows = [ROWS[0], ["三年级", "2班", "小明", "", parent.phone, "母亲"]]
    result = roster_import(csv_bytes(rows), school=school)
    assert result.guardians_linked == 1
    guardian = Guardian.objects.get()
    assert guardian.user == parent
    child = guardian.student.child
    assert child.nickname == "小明" and child.stage == "primary_middle"
    assert Guardianship.objects.get(child=child).user == parent


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        (["三年级", "2班", "小红", "", "12345", "母亲"], "手机号", "12345"),
        (["十三年级", "2班", "小红", "", "13800138009", "母亲"], "年级", "十三年级"),
        (["三年级", "2班", "小红", "", "13800138009", "邻居"], "关系", "邻居"),
        (["三年级", "2班", "", "", "13800138009", "母亲"], "学生", ""),
        (["三年级", "", "小红", "", "13800138009", "母亲"], "班级", ""),
        (["三年级", "2班", "小明", "", "13800138000", "母亲"], "手机号", "第 2 行"),
    ],
)
def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_imported(
    school, row, column, fragment
):
    result = roster_import(csv_bytes([*ROWS, row]), school=school)
    assert not result.ok
    [error] = result.errors
    assert (error.row, error.column) == (6, column)
    assert fragment in str(error)
    assert not SchoolClass.objects.exists() and not Student.objects.exists()


def test_every_bad_row_is_reported_at_once(school):
    rows = [ROWS[0], ["三年级", "2班", "a", "", "1", "母亲"], ["x", "2班", "b", "", "2", "母亲"]]
    result = roster_import(csv_bytes(rows), school=school)
    assert [(e.row, e.column) for e in result.errors] == [(2, "手机号"), (3, "年级"), (3, "手机号")]


def test_missing_columns_are_named(school):
    rows = [["年级", "学生", "手机号"], ["三年级", "小明", "13800138000"]]
    [error] = roster_import(csv_bytes(rows), school=school).errors
    assert error.row == 1 and "班级" in str(error) and "关系" in str(error)


def test_a_row_of_another_school_is_refused(school):
    school_add(code="s2", name="实验小学")
    rows = [
        ["学校", *ROWS[0]],
        ["城关小学", *ROWS[1][0:]],
        ["实验小学", "三年级", "3班", "小刚", "", "13800138005", "父亲"],
    ]
    result = roster_import(csv_bytes(rows), school=school)
    [error] = result.errors
    assert error.row == 3 and "实验小学" in str(error)
    assert not Student.objects.exists()


def test_unreadable_encoding_and_old_excel_and_damage_get_clear_errors(school):
    latin = "年级".encode("gbk")[:1] + b"\xff\xfe\xfd" * 3 + b"\x81"
    for data in (latin, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, b"PK\x03\x04broken"):
        [error] = roster_import(data, school=school).errors
        assert error.row == 1 and str(error)
    assert not SchoolClass.objects.exists()


def test_empty_file(school):
    [error] = roster_import(b"", school=school).errors
    assert error.message == "文件是空的。"


def test_command_imports_and_reports(school, tmp_path: Path):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes(ROWS, "gbk"))
    out = io.StringIO()
    call_command("import_roster", str(path), "--school", "s1", "--dry-run", stdout=out)
    assert "would import 4 rows" in out.getvalue() and not Student.objects.exists()
    call_command("import_roster", str(path), "--school", "s1", stdout=out)
    assert Student.objects.count() == 3


def test_command_errors(school, tmp_path: Path):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes([*ROWS, ["三年级", "2班", "x", "", "999", "母亲"]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_roster", str(path), "--school", "s1", stderr=err)
    assert "第 6 行" in err.getvalue() and "999" in err.getvalue()
    with pytest.raises(CommandError, match="no school"):
        call_command("import_roster", str(path), "--school", "nope")
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_roster", str(tmp_path / "missing.csv"), "--school", "s1")


def test_an_account_whose_number_was_never_proved_is_not_linked(school):
    stranger = parent_add()  # registered with the number, never verified it
    rows = [ROWS[0], ["三年级", "2班", "小明", "", stranger.phone, "母亲"]]
    result = roster_import(csv_bytes(rows), school=school)
    assert result.ok and result.guardians_linked == 0
    guardian = Guardian.objects.get()
    assert guardian.user is None and guardian.student.child is None
    assert not Guardianship.objects.filter(user=stranger).exists()
