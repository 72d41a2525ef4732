"""Main pages on a phone: no serious or critical axe-core violations, and content pages
under 50 KB of CSS and JavaScript (the video player's hls.js aside)."""

from pathlib import Path

import pytest
from django.utils import timezone

from lms.accounts.roles import Role
from lms.activities.models import Community, Station
from lms.activities.services import activity_create, attendance_set
from tests.courses.factories import UserFactory, course_add, lesson_add, talk_add
from tests.e2e.conftest import sign_in
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BUDGET = 50 * 1024
EXEMPT = ("hls.light.min.js",)  # video playback, loaded only when a lesson is played


@pytest.fixture
def site(db):
    import datetime

    course = course_add(title="好好说话：亲子沟通的艺术", stages=("primary_middle",))
    lesson = lesson_add(course, title="先听后说")
    talk_add(title="考前焦虑怎么办", date=datetime.date(2026, 6, 1))
    school = school_add()
    teacher = staff_add(school, username="a11y-teacher")
    school_class = class_add(school, teacher=teacher)
    parent = UserFactory(role=Role.PARENT, username="13900007777", phone="13900007777")
    family_join(school_class, nickname="小雨", parent=parent)
    station = Station.objects.create(
        name="东街社区家长学校",
        community=Community.objects.create(name="东街社区", township="城关镇"),
        host=Station.Host.WOMEN_CHILDREN_HOME,
    )
    starts = timezone.now() + datetime.timedelta(days=3)
    activity = activity_create(
        title="隔代教育讲座",
        kind="lecture",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        audience="public",
        organised_by=None,
        station=station,
        place="社区妇女儿童之家",
        capacity=40,
    )
    meeting = activity_create(
        title="家长会",
        kind="meeting",
        starts_at=timezone.now() - datetime.timedelta(minutes=10),
        ends_at=timezone.now() + datetime.timedelta(minutes=50),
        audience="school",
        organised_by=teacher,
        school=school,
        place="礼堂",
    )
    attendance_set(activity=meeting, user=parent, attended=True)
    return {
        "staff": {
            "school work": "/school/",
            "class": f"/school/classes/{school_class.pk}/",
            "home visits": f"/visits/classes/{school_class.pk}/",
            "activity attendance": f"/activities/{meeting.pk}/manage/",
        },
        "signed in": {
            "my learning": "/learning/",
            "notifications": "/notifications/",
            "activity": f"/activities/{activity.pk}/",
            "check-in": f"/activities/check-in/{activity.check_in_code}/",
        },
        "home": "/",
        "catalogue": "/courses/",
        "course": course.url,
        "lesson": lesson.url,
        "talks": "/talks/",
        "search": "/search/?q=沟通&age=8",
        "login": "/accounts/login/",
        "register": "/accounts/register/",
        "join": f"/join/{school_class.invite_code}/",
    }


def _serious(page) -> list[str]:
    # From the site's own origin: an inline copy would be (rightly) refused by the CSP.
    axe_url = page.url.split("/", 3)[:3]
    axe_url = "/".join(axe_url) + "/__e2e__/axe.min.js"
    page.route(axe_url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url=axe_url)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_no_serious_accessibility_violations_on_the_main_pages(live_server, phone, site):
    phone.set_default_timeout(20000)
    problems = {}
    signed_in = site.pop("signed in")
    staff = site.pop("staff")
    for name, path in site.items():
        phone.goto(live_server.url + path)
        found = _serious(phone)
        if found:
            problems[name] = found
    sign_in(phone, live_server.url, "13900007777")
    phone.wait_for_url(f"{live_server.url}/")
    for name, path in signed_in.items():
        phone.goto(live_server.url + path)
        if found := _serious(phone):
            problems[name] = found
    phone.context.clear_cookies()
    sign_in(phone, live_server.url, "a11y-teacher")
    for name, path in staff.items():
        phone.goto(live_server.url + path)
        assert phone.url == live_server.url + path, name  # signed in, not sent to the login
        if found := _serious(phone):
            problems[name] = found
    assert problems == {}


def test_content_pages_stay_under_the_weight_budget(live_server, phone, site):
    phone.set_default_timeout(20000)
    sizes: dict[str, int] = {}
    current = {"page": ""}

    def count(response):
        request = response.request
        if request.resource_type in ("script", "stylesheet") and not request.url.endswith(EXEMPT):
            body = response.body()
            sizes[current["page"]] = sizes.get(current["page"], 0) + len(body)

    phone.on("response", count)
    for name in ("home", "catalogue", "course", "lesson", "talks", "search", "join"):
        current["page"] = name
        phone.goto(live_server.url + site[name], wait_until="networkidle")
    over = {name: size for name, size in sizes.items() if size > BUDGET}
    assert sizes and over == {}, sizes
