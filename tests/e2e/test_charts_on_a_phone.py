"""The report charts on a 390-pixel phone under the site's CSP: Chart.js draws each canvas
from the numbers of the table beside it (the same numbers the CSV export holds), nothing is
wider than the screen, and without JavaScript the tables alone are shown."""

import csv
import io

import pytest
from django.utils import timezone

from lms.accounts.roles import Role
from lms.activities.models import Community, Station
from lms.core.semesters import semester_current
from lms.schools.services.assignments import assignment_create
from tests.courses.factories import UserFactory, course_add, lesson_add
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in
from tests.e2e.test_accessibility_and_weight import _serious
from tests.lms.schools.factories import class_add, family_join, lesson_read, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390

TABLE_ROWS = """(key) => Array.from(
  document.querySelectorAll(`[data-chart-table="${key}"] tbody tr`)).map(
  (row) => Array.from(row.querySelectorAll("th, td")).map(
    (cell) => cell.innerText.trim().replace(/\\s+/g, " ")))"""

# What Chart.js holds for a chart, and whether it has painted anything on the canvas.
DRAWN = """(key) => {
  const box = document.querySelector(`[data-chart="chart-${key}-data"]`);
  const canvas = box.querySelector("canvas");
  const chart = window.Chart.getChart(canvas);
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  const rect = canvas.getBoundingClientRect();
  return {labels: chart.data.labels, values: chart.data.datasets.map((d) => d.data),
          painted: painted, left: rect.left, right: rect.right, height: rect.height};
}"""


@pytest.fixture
def narrow(browser, request):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844},
        user_agent=WECHAT_UA,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def world(db):
    """A school whose two families have an assignment this semester (one finished it), and
    three communities, one with a station."""
    semester = semester_current(timezone.localdate())
    school = school_add()
    admin = staff_add(school, admin=True, username="zhang-xiaozhang")
    school_class = class_add(school)
    course = course_add(title="孩子与手机")
    lesson = lesson_add(course, title="第1课")
    parent = family_join(school_class, nickname="小明")
    family_join(school_class, nickname="乐乐")
    assignment_create(
        school=school, scope="school", course=course, starts_on=semester.first_day,
        due_on=semester.last_day, created_by=admin,
    )  # fmt: skip
    lesson_read(parent, lesson)
    east = Community.objects.create(name="东街社区", township="城关镇")
    Community.objects.create(name="西街社区", township="城关镇")
    Community.objects.create(name="河口村", township="河口镇", is_village=True)
    Station.objects.create(name="东街社区家长学校", community=east, host="women_children")
    UserFactory(role=Role.BUREAU_ADMIN, username="county-officer")
    return {"school": school}


def _percent(cell: str):
    return None if cell == "—" else float(cell.rstrip("%"))


def _csv(page, base: str, key: str) -> list[list[str]]:
    export = page.request.get(base + page.get_attribute(f"[data-chart-csv='{key}']", "href"))
    assert export.ok
    return list(csv.reader(io.StringIO(export.body().decode("utf-8-sig"))))[1:]


def _drawn_and_matching(page, base: str, key: str, columns: tuple[int, ...]) -> dict:
    """The chart has been drawn, fits the screen, and shows the table's (and the CSV's)
    numbers: `columns` are the table's columns the chart's series plot."""
    page.wait_for_selector(f"[data-chart='chart-{key}-data'][data-chart-drawn]")
    drawn = page.evaluate(DRAWN, key)
    assert drawn["painted"] > 500, "Chart.js painted the canvas"
    assert drawn["left"] >= 0 and drawn["right"] <= WIDTH and drawn["height"] > 100
    assert page.locator(f"[data-chart-table='{key}']").bounding_box()["width"] <= WIDTH
    rows = page.evaluate(TABLE_ROWS, key)
    assert rows and rows == _csv(page, base, key)[: len(rows)]
    plotted = rows[:-1] if key == "coverage" else rows  # coverage adds the county's total
    assert drawn["values"][: len(columns)] == [
        [_percent(row[column]) for row in plotted] for column in columns
    ]
    return {"rows": rows, "drawn": drawn}


def test_the_school_charts_are_drawn_on_a_phone_with_the_tables_numbers(live_server, narrow, world):
    page, base = narrow, live_server.url
    sign_in(page, base, "zhang-xiaozhang")
    page.goto(f"{base}/school/s/s1/")
    weeks = _drawn_and_matching(page, base, "weeks", columns=(2, 4))
    assert weeks["drawn"]["labels"][0] == "第1周" and weeks["rows"][0][0].startswith("第1周")
    stages = _drawn_and_matching(page, base, "stages", columns=(3, 5))
    assert stages["rows"] == [["小学", "2", "1", "50%", "1/2", "50%"]]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    assert _serious(page) == []  # axe-core: the canvases, tables and links read well
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "school-charts-phone.png"), full_page=True)


def test_the_county_and_supervision_charts_are_drawn_with_the_coverage_target(
    live_server, narrow, world, csp_violations
):
    page, base = narrow, live_server.url
    sign_in(page, base, "county-officer")
    for path in ("/school/county/", "/supervision/"):
        page.goto(base + path)
        coverage = _drawn_and_matching(page, base, "coverage", columns=(3,))
        assert coverage["rows"] == [
            ["城关镇", "2", "1", "50%"],
            ["河口镇", "1", "0", "0%"],
            ["全县合计", "3", "1", "33%"],
        ]
        assert coverage["drawn"]["values"][1] == [90, 90]  # the target's line
        _drawn_and_matching(page, base, "weeks", columns=(2, 4))
        _drawn_and_matching(page, base, "stages", columns=(3, 5))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    # Drawn under the site's CSP (script-src 'self', data by json_script): nothing blocked.
    assert csp_violations == []


def test_without_javascript_the_tables_alone_are_shown(live_server, browser, world):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844}, user_agent=WECHAT_UA, java_script_enabled=False
    )
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "zhang-xiaozhang")
        page.goto(f"{live_server.url}/school/s/s1/")
        for key in ("weeks", "stages"):
            assert page.locator(f"[data-chart-table='{key}']").is_visible()
            assert not page.locator(f"[data-chart='chart-{key}-data']").is_visible()
        assert page.locator("[data-chart-drawn]").count() == 0
    finally:
        context.close()
