"""Reports on a 390-pixel phone: the class report becomes cards with the export's numbers,
every tap target is at least 44 px high (large text too), the Wagtail user bar keeps off the
report, and the invitation's "复制链接" puts the link on the clipboard."""

import csv
import datetime
import io

import pytest

from lms.accounts.roles import Role
from lms.schools.services.assignments import assignment_create
from tests.courses.factories import UserFactory, course_add, lesson_add
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in
from tests.lms.schools.factories import class_add, family_join, lesson_read, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390

# The only targets allowed under 44 px: links inside running text, where a taller box would
# break the sentence (WCAG 2.5.8's inline exception). Each is a CSS selector.
INLINE_IN_TEXT = (".prose a", ".lead a")

TAP_TARGETS = """(inline) => {
  const found = [];
  for (const el of document.querySelectorAll("a, button, input, select, summary")) {
    if (el.type === "hidden" || el.closest("[hidden]")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // Off-screen until focused (the skip link); it is measured when it shows.
    if (box.right <= 0 || box.bottom + window.scrollY <= 0) continue;
    if (inline.some((selector) => el.matches(selector))) continue;
    const name = (el.innerText || el.value || el.getAttribute("aria-label") || el.name || "");
    found.push({tag: el.tagName.toLowerCase(), name: name.trim().slice(0, 30),
                height: Math.round(box.height * 10) / 10});
  }
  return found;
}"""

CARD_CELLS = """() => Array.from(document.querySelectorAll("[data-report-table] tbody tr")).map(
  (row) => Array.from(row.querySelectorAll("th, td"))
    .filter((cell) => !cell.classList.contains("no-export"))
    .map((cell) => cell.innerText.trim().replace(/\\s+/g, " ")))"""


@pytest.fixture
def narrow(browser, request):
    """A 390-pixel phone that may use the clipboard."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844},
        user_agent=WECHAT_UA,
        is_mobile=True,
        has_touch=True,
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def school_world(db):
    school = school_add()
    teacher = staff_add(school, username="wang-laoshi")
    admin = staff_add(school, admin=True, username="zhang-xiaozhang")
    school_class = class_add(school, teacher=teacher)
    course = course_add(title="孩子与手机：和孩子一起订手机公约", stages=("primary_middle",))
    lessons = [lesson_add(course, title=f"第{n}课 手机公约") for n in (1, 2, 3)]
    today = datetime.date.today()
    assignment_create(
        school=school, scope="class", school_class=school_class, course=course,
        starts_on=today - datetime.timedelta(days=3), due_on=today + datetime.timedelta(days=7),
        created_by=teacher, note="",
    )  # fmt: skip
    families = [
        family_join(school_class, nickname=name, relation=relation)
        for name, relation in (("小明", "mother"), ("乐乐", "father"), ("豆豆", "grandmother"))
    ]
    for lesson in lessons:
        lesson_read(families[0], lesson)
    lesson_read(families[1], lessons[0])
    return {"school": school, "class": school_class, "teacher": teacher, "admin": admin}


def _large_text(page, on: bool) -> None:
    pressed = page.get_attribute("[data-large-text]", "aria-pressed") == "true"
    if pressed != on:
        page.click("[data-large-text]")
    page.wait_for_function(
        "(on) => document.documentElement.classList.contains('large-text') === on", arg=on
    )


def _small_targets(page) -> list[dict]:
    targets = page.evaluate(TAP_TARGETS, list(INLINE_IN_TEXT))
    assert targets, "the page has tap targets to measure"
    return [target for target in targets if target["height"] < 44]


def test_the_class_report_is_cards_with_the_numbers_of_the_csv(live_server, narrow, school_world):
    page = narrow
    school_class = school_world["class"]
    sign_in(page, live_server.url, "wang-laoshi")
    page.goto(f"{live_server.url}/school/classes/{school_class.pk}/report/")
    page.wait_for_selector("[data-report-table]")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    table = page.locator("[data-report-table]")
    assert table.bounding_box()["width"] <= WIDTH
    # Cards: each family's row is a block of its own, its header above its cells.
    displays = page.eval_on_selector_all(
        "[data-report-table] tbody tr", "rows => rows.map(r => getComputedStyle(r).display)"
    )
    assert displays == ["block"] * 3
    label = page.eval_on_selector(
        "[data-report-table] tbody td", "c => getComputedStyle(c, '::before').content"
    )
    assert "家长" in label or "家庭成员" in label  # the cell says which column it is
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "teacher-class-report-phone.png"), full_page=True)
    cards = page.evaluate(CARD_CELLS)
    csv_link = page.get_attribute("main a:text-is('导出 CSV')", "href")
    export = page.request.get(live_server.url + csv_link)
    assert export.ok
    exported = list(csv.reader(io.StringIO(export.body().decode("utf-8-sig"))))
    assert cards == exported[1:]
    assert sorted(card[0] for card in cards) == sorted(["小明", "乐乐", "豆豆"])
    ming = next(card for card in cards if card[0] == "小明")
    assert ming[2:5] == ["✓", "✓", "✓"]


def _cards_equal_the_csv(page, base: str, path: str, csv_text: str) -> list[list[str]]:
    page.goto(base + path)
    page.wait_for_selector("[data-report-table]")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    assert page.locator("[data-report-table]").bounding_box()["width"] <= WIDTH
    rows = page.eval_on_selector_all(
        "[data-report-table] tbody tr, [data-report-table] tfoot tr",
        "rows => rows.map(r => getComputedStyle(r).display)",
    )
    assert set(rows) == {"block"}
    cards = page.evaluate(CARD_CELLS.replace("tbody tr", "tbody tr, [data-report-table] tfoot tr"))
    export = page.request.get(base + page.get_attribute(f"main a:text-is('{csv_text}')", "href"))
    assert export.ok
    assert cards == list(csv.reader(io.StringIO(export.body().decode("utf-8-sig"))))[1:]
    return cards


def test_the_school_and_county_reports_are_cards_too(live_server, narrow, school_world):
    page, base = narrow, live_server.url
    sign_in(page, base, "zhang-xiaozhang")
    classes = _cards_equal_the_csv(page, base, "/school/s/s1/", "导出 CSV")
    # … and the 学时 columns: the one finished course earned 1.0; nobody has reached 10 yet.
    assert classes == [["三年级2班", "3", "3", "0", "1", "3", "1", "33%", "1.0", "0/3"]]
    page.context.clear_cookies()
    UserFactory(role=Role.BUREAU_ADMIN, username="county-officer")
    sign_in(page, base, "county-officer")
    schools = _cards_equal_the_csv(page, base, "/school/county/", "CSV")
    assert schools[0][:2] == ["城关小学", "城关镇"] and schools[-1][0] == "全县合计"


def test_the_user_bar_keeps_off_the_report(live_server, narrow, school_world):
    page = narrow
    sign_in(page, live_server.url, "zhang-xiaozhang")  # a school admin: sees the Wagtail bar
    page.goto(f"{live_server.url}/school/classes/{school_world['class'].pk}/report/")
    page.wait_for_selector("[data-report-table]")
    bar = page.locator("wagtail-userbar [data-wagtail-userbar-trigger]")
    bar.wait_for()
    trigger = bar.bounding_box()
    assert trigger and trigger["height"] >= 44
    # Scroll the report through the screen: the bar never lies over the main content.
    main = page.locator("main").bounding_box()
    height = page.evaluate("() => document.documentElement.scrollHeight")
    for y in range(0, height, 400):
        page.evaluate(f"() => window.scrollTo(0, {y})")
        trigger, main = bar.bounding_box(), page.locator("main").bounding_box()
        overlaps = (
            trigger["y"] < main["y"] + main["height"]
            and main["y"] < trigger["y"] + trigger["height"]
            and trigger["x"] < main["x"] + main["width"]
            and main["x"] < trigger["x"] + trigger["width"]
        )
        assert not overlaps, f"the user bar covers the report at scroll {y}"
    page.click("wagtail-userbar [data-wagtail-userbar-trigger]")  # and it still opens
    page.wait_for_selector("wagtail-userbar .w-userbar-items >> visible=true")


@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
def test_every_tap_target_is_44_pixels_high(live_server, narrow, school_world, large):
    page = narrow
    base = live_server.url
    page.goto(f"{base}/")
    _large_text(page, large)
    small = {"home, signed out": _small_targets(page)}
    sign_in(page, base, "wang-laoshi")
    school_class = school_world["class"]
    for name, path in (
        ("home", "/"),
        ("class report", f"/school/classes/{school_class.pk}/report/"),
        ("invitation", f"/school/classes/{school_class.pk}/"),
    ):
        page.goto(base + path)
        page.wait_for_load_state()
        assert (
            page.evaluate("() => document.documentElement.classList.contains('large-text')")
            is large
        )
        small[name] = _small_targets(page)
    assert small == {name: [] for name in small}


def test_copy_link_puts_the_invitation_on_the_clipboard(live_server, narrow, school_world):
    page = narrow
    school_class = school_world["class"]
    sign_in(page, live_server.url, "wang-laoshi")
    page.goto(f"{live_server.url}/school/classes/{school_class.pk}/")
    link = page.input_value("[data-share-input]")
    assert link.endswith(f"/join/{school_class.invite_code}/")
    copy = page.get_by_role("button", name="复制链接")
    assert copy.is_visible()
    # Next to the QR code: right below it.
    qr, button = page.locator(".certificate-qr").bounding_box(), copy.bounding_box()
    assert 0 <= button["y"] - (qr["y"] + qr["height"]) < 150
    copy.click()
    page.wait_for_selector("[data-copy-status]:has-text('已复制')")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".invite-share").screenshot(path=str(ARTIFACTS / "class-invitation-copied.png"))
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    # The share button shows only where the browser can share (headless Chromium cannot).
    can_share = page.evaluate("() => typeof navigator.share === 'function'")
    assert page.get_by_role("button", name="分享").is_visible() is can_share


def test_copy_link_falls_back_to_selecting_the_link(live_server, narrow, school_world):
    page = narrow
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    sign_in(page, live_server.url, "wang-laoshi")
    page.goto(f"{live_server.url}/school/classes/{school_world['class'].pk}/")
    page.get_by_role("button", name="复制链接").click()
    page.wait_for_function("() => document.querySelector('[data-copy-status]').textContent")
    selected = page.evaluate(
        "() => { const i = document.querySelector('[data-share-input]');"
        " return [document.activeElement === i, i.selectionStart,"
        " i.selectionEnd - i.value.length]; }"
    )
    assert selected == [True, 0, 0]  # the whole link selected, ready for a long press
    # Chromium still copies a selection on a click, so the confirmation shows.
    assert page.inner_text("[data-copy-status]") == "已复制"
