"""Browser journeys: a parent joins a class from the invitation link on a phone, a teacher
assigns a course and exports the class report, a parent searches in Chinese."""

import datetime

import pytest
from openpyxl import load_workbook

from lms.accounts.roles import Role
from lms.schools.models import Guardian
from lms.schools.services.assignments import assignment_create
from lms.schools.services.joining import class_join
from search.services import search_rebuild
from tests.courses.factories import UserFactory, course_add, lesson_add
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.lms.accounts.helpers import last_code
from tests.lms.schools.factories import class_add, lesson_read, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_parent_joins_from_the_invitation_and_sees_the_assignment(live_server, phone):
    phone.set_default_timeout(20000)
    school = school_add()
    school_class = class_add(school, teacher=staff_add(school))
    course = course_add(title="好好说话：亲子沟通的艺术", stages=("primary_middle",))
    lesson_add(course, title="先听后说")
    today = datetime.date.today()
    assignment_create(
        school=school, scope="class", school_class=school_class, course=course,
        starts_on=today - datetime.timedelta(days=1), due_on=today + datetime.timedelta(days=7),
        created_by=None, note="班会前学完",
    )  # fmt: skip
    phone.goto(f"{live_server.url}/join/{school_class.invite_code}/")
    assert "三年级2班" in phone.inner_text("main")
    phone.click("main a.button")  # 注册
    phone.fill("#id_phone", "139 0000 1234")
    phone.click("main button[name=send]")
    phone.fill("#id_code", last_code("13900001234"))
    phone.fill("#id_password1", "k7#Lm2pQ9x")
    phone.fill("#id_password2", "k7#Lm2pQ9x")
    phone.click("main form:first-of-type button[type=submit]")
    phone.wait_for_url(f"**/join/{school_class.invite_code}/")
    phone.fill("#id_nickname", "小明")
    phone.select_option("#id_relation", "mother")
    phone.click("main button[type=submit]")
    phone.wait_for_url("**/learning/")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "parent-my-learning.png"), full_page=True)
    assignments = phone.inner_text("[data-family-assignments]")
    assert "好好说话：亲子沟通的艺术" in assignments and "班会前学完" in assignments
    guardian = Guardian.objects.get()
    assert guardian.user.phone == "13900001234" and guardian.student.nickname == "小明"


def test_a_teacher_assigns_and_the_export_matches_the_screen(live_server, desktop, tmp_path):
    school = school_add()
    teacher = staff_add(school, username="li-laoshi")
    course = course_add(title="孩子与手机", stages=("primary_upper",))
    phone_rules = lesson_add(course, title="和孩子一起订手机公约")
    page = desktop
    page.set_default_timeout(20000)
    sign_in(page, live_server.url, "li-laoshi")
    page.goto(f"{live_server.url}/school/classes/new/")
    page.select_option("#id_grade", "p5")
    page.fill("#id_name", "(3)班")
    page.click("main button[type=submit]")
    page.wait_for_url("**/school/classes/*/")
    assert "五年级3班" in page.inner_text("h1")
    school_class = teacher.headed_classes.get()
    parent = UserFactory(role=Role.PARENT, phone="13900005678")
    class_join(user=parent, school_class=school_class, nickname="乐乐", relation="father")
    page.click("text=布置课程")
    page.select_option("#id_course", str(course.pk))
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/school/classes/{school_class.pk}/")
    lesson_read(parent, phone_rules)  # the family completes the course (one reading lesson)
    page.click("text=班级报表")
    page.wait_for_selector("[data-report-table]")
    page.screenshot(path=str(ARTIFACTS / "teacher-class-report.png"), full_page=True)
    screen = page.eval_on_selector_all(
        "[data-report-table] tr",
        "rows => rows.map(r => Array.from(r.querySelectorAll('th, td'))"
        ".filter(c => !c.classList.contains('no-export'))"
        ".map(c => c.innerText.trim().replace(/\\s+/g, ' ')))",
    )
    with page.expect_download() as download:
        page.click("text=导出 XLSX")
    path = tmp_path / "report.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path).worksheets[0]
    exported = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert exported == screen
    assert screen[1][:3] == ["乐乐", "父亲", "✓"] and screen[1][3].startswith("已完成")
    assert page.inner_text("[data-rate]") == "100%"


def test_a_parent_searches_in_chinese_and_filters(live_server, phone):
    phone.set_default_timeout(20000)
    comm = course_add(
        title="好好说话：亲子沟通的艺术",
        stages=("primary_middle",),
        topics=("亲子沟通", "情绪管理"),
    )
    lesson_add(comm, title="孩子发脾气怎么办")
    teen = course_add(title="青春期的孩子", stages=("junior",), topics=("青春期教育",))
    lesson_add(teen, title="孩子发脾气的青春期")
    # force: earlier tests may have left other pages in the shared test index
    search_rebuild(force=True)
    phone.goto(f"{live_server.url}/")
    phone.click("header >> text=搜索")
    phone.fill("#search-q", "孩子发脾气")
    phone.select_option("#search-age", "8")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("[data-results]")
    results = phone.inner_text("[data-results]")
    assert "孩子发脾气怎么办" in results and "孩子发脾气的青春期" not in results  # age 8
    phone.click("[data-facet=topic] >> text=情绪管理")
    phone.wait_for_selector("[data-facet=topic] .chip-on")
    phone.screenshot(path=str(ARTIFACTS / "parent-search.png"), full_page=True)
    phone.click("[data-results] >> text=孩子发脾气怎么办")
    phone.wait_for_url("**/courses/**")
    assert "孩子发脾气怎么办" in phone.inner_text("h1")
