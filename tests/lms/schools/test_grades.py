import pytest

from lms.schools.grades import class_name_normalize, grade_normalize


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
