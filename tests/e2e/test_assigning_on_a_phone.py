"""A head teacher assigns on a 390-pixel phone: one course in three taps, the chosen course's
lessons only (folded), a duplicate refused with the existing assignment named, withdrawing
with one confirmation, the form working without JavaScript, and the class report without a
horizontal scroll."""

import datetime

import pytest

from lms.schools.models import Assignment
from tests.courses.factories import course_add, lesson_add
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in
from tests.e2e.test_reports_on_a_phone import INLINE_IN_TEXT, TAP_TARGETS
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"
VISIBLE_GROUPS = """() => Array.from(document.querySelectorAll("[data-lessons-of]"))
  .filter((group) => !group.hidden).map((group) => group.getAttribute("data-lessons-of"))"""


def _phone(browser, request, **options):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844},
        user_agent=WECHAT_UA,
        is_mobile=True,
        has_touch=True,
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def narrow(browser, request):
    yield from _phone(browser, request)


@pytest.fixture
def narrow_without_js(browser, request):
    yield from _phone(browser, request, java_script_enabled=False)


@pytest.fixture
def world(db):
    school = school_add()
    teacher = staff_add(school, username="wang-laoshi")
    staff_add(school, admin=True, username="zhang-xiaozhang")
    school_class = class_add(school, teacher=teacher)
    courses = {}
    for title, count in (("孩子与手机：和孩子一起订手机公约", 3), ("不爱写作业怎么办", 4)):
        courses[title] = course_add(title=title, stages=("primary_middle",))
        for n in range(1, count + 1):
            lesson_add(courses[title], title=f"{title[:4]}第{n}课")
    for n in range(8):  # a catalogue of a realistic size, so the form is not trivially short
        lesson_add(course_add(title=f"家庭教育第{n}讲"), title=f"第{n}讲正文")
    for name in ("小明", "乐乐", "豆豆"):
        family_join(school_class, nickname=name)
    return {"class": school_class, "courses": courses}


class Taps:
    """Every tap the head teacher makes, counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, selector: str) -> None:
        self.count += 1
        self.page.click(selector)

    def choose(self, selector: str, label: str) -> None:
        self.count += 1  # one tap on the phone's picker
        self.page.select_option(selector, label=label)


def test_a_head_teacher_assigns_a_course_in_three_taps_and_a_duplicate_is_refused(
    live_server, narrow, world
):
    page, school_class = narrow, world["class"]
    phone_course = world["courses"]["孩子与手机：和孩子一起订手机公约"]
    homework = world["courses"]["不爱写作业怎么办"]
    sign_in(page, live_server.url, "wang-laoshi")
    page.goto(f"{live_server.url}/school/classes/{school_class.pk}/")
    taps = Taps(page)

    taps.click("main a.button:text-is('布置课程')")
    page.wait_for_selector("[data-assign-form]")
    # The form's script is deferred: it has run once the document's DOMContentLoaded has fired
    # (on a loaded machine the element can be found before that).
    page.wait_for_load_state("domcontentloaded")
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    # Until a course is chosen no lessons are listed; then only that course's, folded.
    assert page.evaluate(VISIBLE_GROUPS) == []
    assert not page.is_visible("[data-lesson-choice]")
    taps.choose("select[name=course]", "不爱写作业怎么办")
    page.wait_for_function("() => !document.querySelector('[data-lesson-choice]').hidden")
    assert page.evaluate(VISIBLE_GROUPS) == [str(homework.pk)]
    group = page.locator(f"[data-lessons-of='{homework.pk}']")
    assert group.get_attribute("open") is None  # folded
    assert "《不爱写作业怎么办》的课（共 4 节）" in group.inner_text()
    # What a finger touches on the form is at least 44 px high.
    targets = page.evaluate(TAP_TARGETS, list(INLINE_IN_TEXT))
    assert [t for t in targets if t["height"] < 44] == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "teacher-assign-form-phone.png"), full_page=True)
    # The same in large-text mode, with the lessons unfolded (the header's 大字 is no tap of
    # the assignment, so it is not counted).
    page.click(f"[data-lessons-of='{homework.pk}'] summary")
    page.click("[data-large-text]")
    page.wait_for_function("() => document.documentElement.classList.contains('large-text')")
    targets = page.evaluate(TAP_TARGETS, list(INLINE_IN_TEXT))
    assert [t for t in targets if t["height"] < 44] == []
    rows = page.eval_on_selector_all(
        f"[data-lessons-of='{homework.pk}'] label",
        "labels => labels.map((label) => label.getBoundingClientRect().height)",
    )
    assert len(rows) == 4 and min(rows) >= 44  # each lesson's row is a finger high
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    page.click("[data-large-text]")
    page.click(f"[data-lessons-of='{homework.pk}'] summary")
    taps.click("[data-assign-form] button[type=submit]")
    page.wait_for_url(f"**/school/classes/{school_class.pk}/")

    assert taps.count == 3
    assert "已布置《不爱写作业怎么办》。" in page.inner_text("main")
    assignment = Assignment.objects.get()
    assert (assignment.course_id, assignment.school_class_id) == (homework.pk, school_class.pk)
    assert not assignment.lessons.exists()  # the whole course

    # The same course again for overlapping days: refused, the existing one named.
    page.click("main a.button:text-is('布置课程')")
    page.select_option("select[name=course]", label="不爱写作业怎么办")
    later = datetime.date.today() + datetime.timedelta(days=5)
    page.fill("#id_starts_on", later.isoformat())
    page.click("[data-assign-form] button[type=submit]")
    error = page.locator("[data-course-error]")
    error.wait_for()
    text = error.inner_text()
    assert "《不爱写作业怎么办》已布置给三年级2班" in text
    assert assignment.starts_on.isoformat() in text and assignment.due_on.isoformat() in text
    assert Assignment.objects.count() == 1
    assert page.input_value("#id_starts_on") == later.isoformat()  # nothing typed is lost
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH

    # Another course with two of its lessons, while the form is still open.
    page.select_option("select[name=course]", label="孩子与手机：和孩子一起订手机公约")
    assert page.evaluate(VISIBLE_GROUPS) == [str(phone_course.pk)]
    page.click(f"[data-lessons-of='{phone_course.pk}'] summary")
    page.check("label:has-text('孩子与手第1课') input")
    page.check("label:has-text('孩子与手第3课') input")
    page.click("[data-assign-form] button[type=submit]")
    page.wait_for_url(f"**/school/classes/{school_class.pk}/")
    chosen = Assignment.objects.get(course=phone_course)
    assert sorted(chosen.lessons.values_list("title", flat=True)) == [
        "孩子与手第1课",
        "孩子与手第3课",
    ]

    # The class report has no horizontal scroll.
    page.click("main a.button:text-is('班级报表')")
    page.wait_for_selector("[data-report-table]")
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH


def test_withdrawing_is_one_button_on_the_class_page_and_one_confirmation(
    live_server, narrow, world
):
    page, school_class = narrow, world["class"]
    sign_in(page, live_server.url, "wang-laoshi")
    page.goto(f"{live_server.url}/school/classes/{school_class.pk}/assign/")
    page.select_option("select[name=course]", label="不爱写作业怎么办")
    page.click("[data-assign-form] button[type=submit]")
    page.wait_for_url(f"**/school/classes/{school_class.pk}/")
    withdraw = page.locator("main a[data-withdraw]")
    assert withdraw.inner_text() == "撤回"
    assert withdraw.bounding_box()["height"] >= 44
    withdraw.click()
    page.wait_for_selector("[data-withdraw-confirm]")
    assert "撤回这项学习任务？" in page.inner_text("main")
    assert Assignment.objects.count() == 1  # looking is not withdrawing
    page.click("[data-withdraw-confirm]")
    page.wait_for_url(f"**/school/classes/{school_class.pk}/")
    assert "学习任务已撤回。" in page.inner_text("main")
    assert not Assignment.objects.exists()


def test_without_javascript_the_form_still_assigns_chosen_lessons(
    live_server, narrow_without_js, world
):
    page, school_class = narrow_without_js, world["class"]
    homework = world["courses"]["不爱写作业怎么办"]
    sign_in(page, live_server.url, "wang-laoshi")
    page.goto(f"{live_server.url}/school/classes/{school_class.pk}/assign/")
    # Every course's lessons are there, each folded under its course's name.
    assert page.locator("details[data-lessons-of]").count() == 10
    assert page.locator("details[data-lessons-of][open]").count() == 0
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    page.select_option("select[name=course]", label="不爱写作业怎么办")
    page.click(f"[data-lessons-of='{homework.pk}'] summary")
    page.check("label:has-text('不爱写作第2课') input")
    page.click("[data-assign-form] button[type=submit]")
    page.wait_for_url(f"**/school/classes/{school_class.pk}/")
    assignment = Assignment.objects.get()
    assert list(assignment.lessons.values_list("title", flat=True)) == ["不爱写作第2课"]


def test_a_school_wide_assignment_over_a_class_one_is_refused_for_the_administrator(
    live_server, narrow, world
):
    page, school_class = narrow, world["class"]
    sign_in(page, live_server.url, "wang-laoshi")
    page.goto(f"{live_server.url}/school/classes/{school_class.pk}/assign/")
    page.select_option("select[name=course]", label="不爱写作业怎么办")
    page.click("[data-assign-form] button[type=submit]")
    page.wait_for_url(f"**/school/classes/{school_class.pk}/")
    page.context.clear_cookies()
    sign_in(page, live_server.url, "zhang-xiaozhang")
    page.goto(f"{live_server.url}/school/s/{school_class.school.code}/assign/")
    page.select_option("select[name=course]", label="不爱写作业怎么办")
    # The class list is for one class only, the grades for a grade only.
    assert page.is_visible("[data-field=school_class]")
    assert not page.is_visible("[data-field=grade]")
    page.select_option("select[name=scope]", "school")
    assert not page.is_visible("[data-field=school_class]")
    page.click("[data-assign-form] button[type=submit]")
    error = page.locator("[data-course-error]")
    error.wait_for()
    assert "《不爱写作业怎么办》已布置给三年级2班" in error.inner_text()
    assert Assignment.objects.count() == 1
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
