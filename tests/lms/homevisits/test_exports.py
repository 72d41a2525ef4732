"""Home-visit coverage for a class (by nickname, for its teachers) and for a school (counts
per class, for its administrators and the bureau): the exports equal the screen, their names
say school, class and school year, and nobody else gets them."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from lms.homevisits.selectors import school_year_start
from lms.homevisits.services import visit_record
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add
from tests.lms.schools.tables import csv_table, html_table, xlsx_table

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
STAMP = TODAY.isoformat()


# The visits counted are the school year's, so the file is named by it ("-2026-2027").
YEAR = f"-{school_year_start(TODAY).year}-{school_year_start(TODAY).year + 1}"


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _visit(school_class, teacher, nickname, on, *, follow_up=False, form="home"):
    visit_record(
        student=school_class.students.get(nickname=nickname),
        school_class=school_class,
        visited_on=on,
        form=form,
        participants="班主任、奶奶",
        topics=["safety"],
        follow_up_needed=follow_up,
        notes="只给班主任看的记录",
        recorded_by=teacher,
    )


@pytest.fixture
def school():
    """s1: 三年级2班 甲 (visited twice, follow-up), 乙 (visited last school year only), 丙;
    一年级1班 丁 (visited by phone); 初一1班 with nobody yet."""
    school = school_add(code="s1")
    teacher = staff_add(school)
    p3 = class_add(school, grade="p3", name="2班", teacher=teacher)
    p1 = class_add(school, grade="p1", name="1班", teacher=teacher)
    class_add(school, grade="j1", name="1班")
    for nickname in ("甲", "乙", "丙"):
        family_join(p3, nickname=nickname)
    family_join(p1, nickname="丁")
    start = school_year_start(TODAY)
    _visit(p3, teacher, "甲", start)
    _visit(p3, teacher, "甲", TODAY, follow_up=True, form="video")
    _visit(p3, teacher, "乙", start - timedelta(days=1))
    _visit(p1, teacher, "丁", TODAY, form="phone")
    return {"school": school, "teacher": teacher, "p3": p3, "p1": p1}


CLASS_HEADER = ["学生", "本学年", "最近家访", "形式", "跟进"]


def test_the_class_exports_equal_the_screen(school):
    p3, staff = school["p3"], _client(school["teacher"])
    page = staff.get(f"/visits/classes/{p3.pk}/")
    assert page.status_code == 200
    screen = html_table(page.content)
    assert screen == [
        CLASS_HEADER,
        ["丙", "待家访", "—", "", ""],
        ["乙", "待家访", "—", "", ""],
        ["甲", "已家访", STAMP, "视频通话", "需要"],
    ]
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        response = staff.get(f"/visits/classes/{p3.pk}/visits.{fmt}")
        assert response.status_code == 200
        assert read(response.content) == screen
        assert response["Content-Disposition"] == (
            f'attachment; filename="homevisits-s1-p3-class-{p3.pk}{YEAR}-{STAMP}.{fmt}"'
        )
        assert "只给班主任看的记录" not in response.content.decode("utf-8", "ignore")


def test_the_school_exports_equal_the_screen_and_hold_counts_only(school):
    admin = _client(staff_add(school["school"], admin=True))
    page = admin.get("/visits/schools/s1/")
    assert page.status_code == 200
    screen = html_table(page.content)
    assert screen == [
        ["班级", "学生数", "已家访", "家访覆盖率"],
        ["一年级1班", "1", "1", "100%"],
        ["三年级2班", "3", "1", "33%"],
        ["初一1班", "0", "0", "—"],
        ["全校合计", "4", "2", "50%"],
    ]
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        response = admin.get(f"/visits/schools/s1/coverage.{fmt}")
        assert response.status_code == 200
        assert read(response.content) == screen
        assert response["Content-Disposition"] == (
            f'attachment; filename="homevisits-s1{YEAR}-{STAMP}.{fmt}"'
        )
    for nickname in ("甲", "乙", "丙", "丁"):
        assert nickname not in page.content.decode()


def test_the_school_report_links_to_its_coverage(school):
    admin = _client(staff_add(school["school"], admin=True))
    assert 'href="/visits/schools/s1/"' in admin.get("/school/s/s1/").content.decode()


def test_a_class_with_no_students_exports_the_header_row_only(school):
    empty = class_add(school["school"], grade="p2", name="3班", teacher=school["teacher"])
    staff = _client(school["teacher"])
    page = staff.get(f"/visits/classes/{empty.pk}/")
    assert "这个班还没有学生。" in page.content.decode()
    assert html_table(page.content)[0] == CLASS_HEADER
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        assert read(staff.get(f"/visits/classes/{empty.pk}/visits.{fmt}").content) == [CLASS_HEADER]


def test_only_the_class_teachers_and_admins_get_the_class_export(school):
    p3 = school["p3"]
    other = school_add(code="s2", name="河口小学")
    for outsider in (
        staff_add(school["school"]),  # a colleague without this class
        staff_add(other, admin=True),
        p3.students.get(nickname="甲").guardians.get().user,
        UserFactory(role=Role.BUREAU_ADMIN),  # counts only, through the school's coverage
    ):
        client = _client(outsider)
        assert client.get(f"/visits/classes/{p3.pk}/").status_code == 404
        for fmt in ("csv", "xlsx"):
            assert client.get(f"/visits/classes/{p3.pk}/visits.{fmt}").status_code == 404
    admin = _client(staff_add(school["school"], admin=True))
    assert admin.get(f"/visits/classes/{p3.pk}/visits.csv").status_code == 200


def test_only_the_school_admins_and_the_bureau_get_the_school_export(school):
    for user, status in (
        (UserFactory(role=Role.BUREAU_ADMIN), 200),
        (school["teacher"], 404),  # a teacher sees their classes, not the school's
        (staff_add(school_add(code="s2", name="河口小学"), admin=True), 404),
        (school["p3"].students.get(nickname="甲").guardians.get().user, 404),
        (UserFactory(role=Role.PARTNER), 404),
    ):
        client = _client(user)
        assert client.get("/visits/schools/s1/").status_code == status, user
        for fmt in ("csv", "xlsx"):
            assert client.get(f"/visits/schools/s1/coverage.{fmt}").status_code == status
    anonymous = Client().get("/visits/schools/s1/coverage.csv")
    assert anonymous.status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/visits/classes/abc/visits.csv",
        f"/visits/classes/{'9' * 30}/visits.csv",
        f"/visits/classes/{'9' * 19}/visits.xlsx",
        "/visits/classes/1/visits.pdf",
        "/visits/schools/nope/coverage.csv",
        "/visits/schools/s1/coverage.pdf",
        "/visits/schools/%E4%B8%89/coverage.csv",
    ],
)
def test_bad_ids_codes_and_formats_are_not_found(school, url):
    admin = _client(staff_add(school["school"], admin=True))
    assert admin.get(url).status_code == 404


def test_the_tables_read_in_english_in_english_mode(school):
    admin = _client(staff_add(school["school"], admin=True))
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    header = ["Student", "This school year", "Latest visit", "Form", "Follow-up"]
    p3 = school["p3"]
    assert html_table(admin.get(f"/visits/classes/{p3.pk}/").content)[0] == header
    assert csv_table(admin.get(f"/visits/classes/{p3.pk}/visits.csv").content)[0] == header
    school_csv = csv_table(admin.get("/visits/schools/s1/coverage.csv").content)
    assert school_csv[0] == ["Class", "Students", "Visited", "Home-visit coverage"]
    assert school_csv[-1][0] == "School total"
