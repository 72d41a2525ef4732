import pytest
from django.utils import translation

from lms.schools.grades import class_name_normalize, grade_label, grade_normalize
from lms.schools.models import SchoolClass


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("三年级", "p3"),
        ("3年级", "p3"),
        (" 3 ", "p3"),
        ("３", "p3"),
        ("七年级", "j1"),
        ("初一", "j1"),
        ("大班", "k3"),
        ("高三", "s3"),
        ("P6", "p6"),
        ("十三年级", None),
        ("", None),
    ],
)
def test_grades_as_rosters_spell_them(raw, code):
    assert grade_normalize(raw) == code


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("2班", "2班"),
        ("(2)班", "2班"),
        ("（2）班", "2班"),
        ("02", "2班"),
        ("二班", "2班"),
        ("十二班", "12班"),
        ("二十班", "20班"),
        ("英才班", "英才班"),
    ],
)
def test_class_names_are_normalised(raw, name):
    assert class_name_normalize(raw) == name


def test_grade_labels_follow_the_interface_language_and_chinese_is_as_before():
    with translation.override("zh-hans"):
        assert [grade_label(code) for code in ("k1", "p3", "j1", "s3")] == [
            "小班",
            "三年级",
            "初一",
            "高三",
        ]
    with translation.override("en"):
        assert grade_label("p3") == "Grade 3"
        assert grade_label("k1") == "Kindergarten, year 1"
        assert grade_label("unknown") == "unknown"


def test_rosters_may_spell_grades_in_chinese_whatever_the_interface_language():
    with translation.override("en"):
        assert [grade_normalize(raw) for raw in ("三年级", "初一", "大班")] == ["p3", "j1", "k3"]


def test_class_names_read_in_the_interface_language():
    numbered, named = SchoolClass(grade="p3", name="2班"), SchoolClass(grade="k1", name="英才班")
    with translation.override("zh-hans"):
        assert (str(numbered), str(named)) == ("三年级2班", "小班英才班")
    with translation.override("en"):
        assert (str(numbered), str(named)) == ("Grade 3 Class 2", "Kindergarten, year 1 英才班")
