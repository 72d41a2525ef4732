"""Importing a school's roster (classes, students, guardians' phones) from CSV or XLSX.

Everything is checked before anything is written: errors come back by row and column
and the database is untouched until the whole file is clean. Re-importing the same file
adds nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from lms.accounts.phone import phone_normalize
from lms.core.errors import ServiceError
from lms.learning.models import Guardianship
from lms.schools.grades import class_name_normalize, grade_normalize
from lms.schools.models import Guardian, School, SchoolClass, Student
from lms.schools.services.classes import class_create
from lms.schools.services.joining import student_child_link

MAX_ROWS = 20000
COLUMNS = {
    "grade": ("年级", "grade"),
    "class": ("班级", "班", "class"),
    "student": ("学生", "学生昵称", "学生姓名", "student"),
    "guardian": ("家长", "家长姓名", "guardian"),
    "phone": ("手机号", "手机", "手机号码", "电话", "联系电话", "phone", "mobile"),
    "relation": ("关系", "与学生关系", "relation"),
    "school": ("学校", "school"),
}
REQUIRED = ("grade", "class", "student", "phone", "relation")
# Plain strings only: a lazy label as a key matches only in the language active at lookup,
# so a teacher using the English interface had 母亲 refused (see relation_spellings).
RELATIONS = {
    "父亲": "father",
    "爸爸": "father",
    "母亲": "mother",
    "妈妈": "mother",
    "祖父": "grandfather",
    "爷爷": "grandfather",
    "祖母": "grandmother",
    "奶奶": "grandmother",
    "外祖父": "maternal_grandfather",
    "外公": "maternal_grandfather",
    "姥爷": "maternal_grandfather",
    "外祖母": "maternal_grandmother",
    "外婆": "maternal_grandmother",
    "姥姥": "maternal_grandmother",
    "其他": "other",
    **{value: value for value in Guardianship.Relation.values},
}


def relation_spellings() -> dict[str, str]:
    """RELATIONS plus the relation labels in the site's language (Chinese) and the active one."""
    spellings: dict[str, str] = {}
    for language in (settings.LANGUAGE_CODE, translation.get_language()):
        with translation.override(language):
            choices = Guardianship.Relation.choices
            spellings.update({str(label).lower(): value for value, label in choices})
    return {**spellings, **RELATIONS}


@dataclass(frozen=True)
class RosterError:
    row: int  # 1-based as in the spreadsheet; the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row}
        if self.column:
            where += f" · {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RosterRow:
    line: int
    grade: str
    class_name: str
    student: str
    guardian: str
    phone: str
    relation: str


@dataclass
class RosterResult:
    rows: int = 0
    classes_created: int = 0
    students_created: int = 0
    guardians_created: int = 0
    guardians_linked: int = 0
    dry_run: bool = False
    errors: list[RosterError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# ------------------------------------------------------------------ reading


def roster_rows_read(data: bytes) -> list[list[str]]:
    """The file's cells as text: XLSX by content, otherwise delimited text in any encoding
    Chinese offices save (UTF-8 with or without BOM, UTF-16 from Excel, GBK/GB18030)."""
    if data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ServiceError(
            _("This is an old Excel file (.xls). Save it as .xlsx or CSV and upload it again.")
        )
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if "\t" in sample else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # a superset of GBK and GB2312
    except UnicodeDecodeError as error:
        raise ServiceError(
            _("The file's text encoding is not recognised. Save it as UTF-8 or GBK CSV, or XLSX.")
        ) from error


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ServiceError(_("The XLSX file could not be opened: is it damaged?")) from error
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append([_cell_text(value) for value in values])
        if len(rows) > MAX_ROWS + 1:
            break
    workbook.close()
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers
    return str(value).strip()


# ------------------------------------------------------------------ checking


def roster_check(
    rows: list[list[str]], *, school: School
) -> tuple[list[RosterRow], list[RosterError]]:
    errors: list[RosterError] = []
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return [], [RosterError(1, "", _("The file is empty."))]
    if len(rows) > MAX_ROWS + 1:
        return [], [RosterError(1, "", _("At most %(n)s rows per file.") % {"n": MAX_ROWS})]
    header = [cell.strip().lower() for cell in rows[0]]
    index: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for position, cell in enumerate(header):
            if cell in names:
                index[key] = position
                break
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in index]
    if missing:
        return [], [
            RosterError(
                1,
                "",
                _(
                    "Missing columns: %(columns)s. The header row needs 年级, 班级, 学生, 家长, 手机号, 关系."  # noqa: E501
                )
                % {"columns": "、".join(missing)},
            )
        ]
    names = {key: COLUMNS[key][0] for key in COLUMNS}
    relations = relation_spellings()
    checked: list[RosterRow] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, raw in enumerate(rows[1:], start=2):

        def cell(key: str, raw=raw) -> str:
            position = index.get(key)
            return raw[position].strip() if position is not None and position < len(raw) else ""

        row_errors = []
        if "school" in index and cell("school") not in ("", school.code, school.name):
            row_errors.append(
                RosterError(
                    line,
                    names["school"],
                    _("This row belongs to “%(other)s”, not to %(school)s.")
                    % {"other": cell("school"), "school": school.name},
                )
            )
        grade = grade_normalize(cell("grade"))
        if grade is None:
            row_errors.append(
                RosterError(
                    line, names["grade"], _("Unknown grade “%(value)s”.") % {"value": cell("grade")}
                )
            )
        class_name = class_name_normalize(cell("class"))
        if not class_name or len(class_name) > 20:
            row_errors.append(RosterError(line, names["class"], _("Give the class, such as 2班.")))
        student = cell("student")
        if not student:
            row_errors.append(
                RosterError(line, names["student"], _("Give the student's nickname or initials."))
            )
        elif len(student) > 20:
            row_errors.append(
                RosterError(
                    line,
                    names["student"],
                    _("At most 20 characters; a nickname or initials is enough."),
                )
            )
        phone = phone_normalize(cell("phone"))
        if phone is None:
            row_errors.append(
                RosterError(
                    line,
                    names["phone"],
                    _("“%(value)s” is not an 11-digit mobile number.") % {"value": cell("phone")},
                )
            )
        relation = relations.get(cell("relation")) or relations.get(cell("relation").lower())
        if relation is None:
            row_errors.append(
                RosterError(
                    line,
                    names["relation"],
                    _(
                        "Unknown relation “%(value)s”; use 父亲, 母亲, 祖父, 祖母, 外祖父, 外祖母 or 其他."  # noqa: E501
                    )
                    % {"value": cell("relation")},
                )
            )
        guardian = cell("guardian")[:40]
        if not row_errors:
            key = (grade, class_name, student, phone)
            if key in seen:
                row_errors.append(
                    RosterError(
                        line,
                        names["phone"],
                        _("Duplicate of row %(row)s: the same student and number.")
                        % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = line
        errors.extend(row_errors)
        if not row_errors:
            checked.append(RosterRow(line, grade, class_name, student, guardian, phone, relation))
    return checked, errors


# ------------------------------------------------------------------ importing


def roster_import(data: bytes, *, school: School, dry_run: bool = False) -> RosterResult:
    """Check the whole file; only a clean file is imported (all of it, in one transaction)."""
    result = RosterResult(dry_run=dry_run)
    try:
        rows = roster_rows_read(data)
    except ServiceError as error:
        result.errors.append(RosterError(1, "", str(error)))
        return result
    checked, errors = roster_check(rows, school=school)
    result.rows = len(checked)
    if errors:
        result.errors = errors
        return result
    with transaction.atomic():
        _apply(checked, school=school, result=result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _apply(rows: list[RosterRow], *, school: School, result: RosterResult) -> None:
    classes = {(c.grade, c.name): c for c in SchoolClass.objects.filter(school=school)}
    students = {
        (s.school_class_id, s.nickname): s
        for s in Student.objects.filter(school_class__school=school).select_related("school_class")
    }
    # Only accounts whose number was proved by an SMS code; the others claim it when they do.
    users = {
        u.phone: u
        for u in get_user_model().objects.filter(
            phone__in={row.phone for row in rows}, phone_verified_at__isnull=False
        )
    }
    existing = set(
        Guardian.objects.filter(student__school_class__school=school).values_list(
            "student_id", "phone"
        )
    )
    for row in rows:
        school_class = classes.get((row.grade, row.class_name))
        if school_class is None:
            school_class = class_create(school=school, grade=row.grade, name=row.class_name)
            classes[(row.grade, row.class_name)] = school_class
            result.classes_created += 1
        student = students.get((school_class.pk, row.student))
        if student is None:
            student = Student.objects.create(school_class=school_class, nickname=row.student)
            students[(school_class.pk, row.student)] = student
            result.students_created += 1
        if (student.pk, row.phone) in existing:
            continue
        user = users.get(row.phone)
        guardian = Guardian.objects.create(
            student=student,
            phone=row.phone,
            name=row.guardian,
            relation=row.relation,
            user=user,
            status=Guardian.Status.ACTIVE,
        )
        existing.add((student.pk, row.phone))
        result.guardians_created += 1
        if user is not None:
            student_child_link(guardian=guardian, user=user)
            result.guardians_linked += 1


def roster_template_csv() -> bytes:
    """A header row and one example, for the import page's download link."""
    lines = "年级,班级,学生,家长,手机号,关系\n三年级,2班,小明,王秀兰,13800138000,母亲\n"
    return ("\ufeff" + lines).encode("utf-8")
