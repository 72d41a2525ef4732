"""School grades as rosters spell them, normalised to stable codes.

Pure functions: the roster importer, forms and reports share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Grade:
    """`label` is shown in the visitor's language; `spellings` (Chinese, as rosters and
    teachers write them) are accepted as input in every language."""

    code: str
    label: str | Promise
    stage: str  # a courses.vocabulary stage code
    spellings: tuple[str, ...]


GRADES: tuple[Grade, ...] = (
    Grade(
        "k1",
        pgettext_lazy("grade", "Kindergarten, year 1"),
        "kindergarten",
        ("小班", "幼儿园小班", "k1"),
    ),
    Grade(
        "k2",
        pgettext_lazy("grade", "Kindergarten, year 2"),
        "kindergarten",
        ("中班", "幼儿园中班", "k2"),
    ),
    Grade(
        "k3",
        pgettext_lazy("grade", "Kindergarten, year 3"),
        "kindergarten",
        ("大班", "幼儿园大班", "学前班", "k3"),
    ),
    Grade(
        "p1",
        pgettext_lazy("grade", "Grade 1"),
        "primary_lower",
        ("一年级", "1年级", "1", "小一", "p1"),
    ),
    Grade(
        "p2",
        pgettext_lazy("grade", "Grade 2"),
        "primary_lower",
        ("二年级", "2年级", "2", "小二", "p2"),
    ),
    Grade(
        "p3",
        pgettext_lazy("grade", "Grade 3"),
        "primary_middle",
        ("三年级", "3年级", "3", "小三", "p3"),
    ),
    Grade(
        "p4",
        pgettext_lazy("grade", "Grade 4"),
        "primary_middle",
        ("四年级", "4年级", "4", "小四", "p4"),
    ),
    Grade(
        "p5",
        pgettext_lazy("grade", "Grade 5"),
        "primary_upper",
        ("五年级", "5年级", "5", "小五", "p5"),
    ),
    Grade(
        "p6",
        pgettext_lazy("grade", "Grade 6"),
        "primary_upper",
        ("六年级", "6年级", "6", "小六", "p6"),
    ),
    Grade(
        "j1",
        pgettext_lazy("grade", "Grade 7"),
        "junior",
        ("初一", "七年级", "7年级", "7", "初中一年级", "j1"),
    ),
    Grade(
        "j2",
        pgettext_lazy("grade", "Grade 8"),
        "junior",
        ("初二", "八年级", "8年级", "8", "初中二年级", "j2"),
    ),
    Grade(
        "j3",
        pgettext_lazy("grade", "Grade 9"),
        "junior",
        ("初三", "九年级", "9年级", "9", "初中三年级", "j3"),
    ),
    Grade(
        "s1",
        pgettext_lazy("grade", "Grade 10"),
        "senior",
        ("高一", "十年级", "10年级", "10", "高中一年级", "s1"),
    ),
    Grade(
        "s2",
        pgettext_lazy("grade", "Grade 11"),
        "senior",
        ("高二", "十一年级", "11年级", "11", "高中二年级", "s2"),
    ),
    Grade(
        "s3",
        pgettext_lazy("grade", "Grade 12"),
        "senior",
        ("高三", "十二年级", "12年级", "12", "高中三年级", "s3"),
    ),
)
GRADE_CHOICES = [(grade.code, grade.label) for grade in GRADES]
GRADE_BY_CODE = {grade.code: grade for grade in GRADES}
_GRADE_BY_SPELLING = {spelling: grade.code for grade in GRADES for spelling in grade.spellings}

_SPACES = re.compile(r"\s+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９（）", "0123456789()")
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def grade_normalize(raw: str) -> str | None:
    """The grade code for '三年级', '3年级', '3', '七年级', '初一', '大班'…; None if unknown."""
    text = _SPACES.sub("", str(raw)).translate(_FULL_WIDTH).lower()
    return _GRADE_BY_SPELLING.get(text)


def class_name_normalize(raw: str) -> str:
    """'(2)班', '2班', '二班', '2' → '2班'; a named class ('英才班') is kept as written."""
    text = _SPACES.sub("", str(raw)).translate(_FULL_WIDTH).strip("()")
    text = text.replace("(", "").replace(")", "")
    number = text.removesuffix("班")
    if number.isdigit():
        return f"{int(number)}班"
    if _chinese_number(number) is not None:
        return f"{_chinese_number(number)}班"
    return text


def _chinese_number(text: str) -> int | None:
    """一…九十九 as written in class names; None for anything else."""
    if not text or any(ch not in _CHINESE_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def grade_label(code: str) -> str:
    grade = GRADE_BY_CODE.get(code)
    return str(grade.label) if grade else code
