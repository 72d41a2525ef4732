"""The attendance list exports (CSV, XLSX) equal the organiser's screen, named by activity,
organiser and semester; only the activity's organisers get them; bad ids are not found."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from lms.accounts.services import user_create
from lms.activities.models import Activity, Community, Station
from lms.activities.services import activity_create, attendance_set, signup_create
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add
from tests.lms.schools.tables import csv_table, html_table, xlsx_table

pytestmark = pytest.mark.django_db


def at(y, m, d, h=19):
    return timezone.make_aware(datetime(y, m, d, h), timezone.get_current_timezone())


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def evening():
    """An autumn-2026 meeting of class 三年级2班: 小明's mother signed up and came, 小红's
    father signed up and stayed away, 小刚's grandmother was invited only, a stranger walked in."""
    school = school_add(code="s1")
    teacher = staff_add(school)
    school_class = class_add(school, grade="p3", name="2班", teacher=teacher)
    mother = family_join(school_class, nickname="小明")
    father = family_join(school_class, nickname="小红", relation="father")
    grandmother = family_join(school_class, nickname="小刚", relation="grandmother")
    walker = parent_add(display_name="路过的家长")
    start = at(2026, 10, 15)
    activity = activity_create(
        title="三年级家长会",
        kind=Activity.Kind.PARENT_MEETING,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        audience=Activity.Audience.CLASSES,
        classes=[school_class],
        organised_by=teacher,
        school=school,
        place="三楼会议室",
    )
    for parent in (mother, father):
        signup_create(activity=activity, user=parent, now=start - timedelta(days=1))
    attendance_set(activity=activity, user=mother, attended=True, now=start)
    attendance_set(activity=activity, user=walker, attended=True, now=start)
    return {
        **{"activity": activity, "teacher": teacher, "school": school, "class": school_class},
        **{"mother": mother, "father": father, "grandmother": grandmother, "walker": walker},
    }


def _name(user) -> str:
    return user.display_name or user.username


def test_the_exports_equal_the_screen(evening):
    activity, staff = evening["activity"], _client(evening["teacher"])
    page = staff.get(f"/activities/{activity.pk}/manage/")
    assert page.status_code == 200
    screen = html_table(page.content)
    assert screen == [
        ["家庭", "已报名", "已参加", "签到方式"],
        [f"三年级2班 小刚 · {_name(evening['grandmother'])}", "", "", ""],
        [f"三年级2班 小明 · {_name(evening['mother'])}", "✓", "✓", "教师点名"],
        [f"三年级2班 小红 · {_name(evening['father'])}", "✓", "", ""],
        ["路过的家长", "现场参加", "✓", "教师点名"],
    ]
    # Marking present or absent stays on the screen, in a cell the exports leave out.
    html = page.content.decode()
    for user in ("grandmother", "mother", "father", "walker"):
        assert f'action="/activities/{activity.pk}/attendance/{evening[user].pk}/"' in html
    assert html.count('name="csrfmiddlewaretoken"') >= 4
    csv = staff.get(f"/activities/{activity.pk}/attendance.csv")
    xlsx = staff.get(f"/activities/{activity.pk}/attendance.xlsx")
    assert csv_table(csv.content) == screen
    assert xlsx_table(xlsx.content) == screen


def test_the_file_names_say_activity_school_and_semester(evening):
    activity, staff = evening["activity"], _client(evening["teacher"])
    today = timezone.localdate().isoformat()
    for fmt in ("csv", "xlsx"):
        response = staff.get(f"/activities/{activity.pk}/attendance.{fmt}")
        assert response["Content-Disposition"] == (
            f'attachment; filename="attendance-{activity.pk}-s1-2026-autumn-{today}.{fmt}"'
        )


def test_a_station_activity_is_named_by_its_station_and_spring_semester(client):
    staff = UserFactory(role=Role.STATION_STAFF)
    station = Station.objects.create(
        name="东街社区家长学校",
        community=Community.objects.create(name="东街社区", township="城关镇"),
        host=Station.Host.YOUTH_HOME,
    )
    station.staff.add(staff)
    activity = activity_create(
        title="亲子阅读",
        kind=Activity.Kind.PARENT_CHILD,
        starts_at=at(2027, 3, 6, 10),
        ends_at=at(2027, 3, 6, 11),
        audience=Activity.Audience.PUBLIC,
        organised_by=staff,
        station=station,
        place="社区活动室",
    )
    response = _client(staff).get(f"/activities/{activity.pk}/attendance.csv")
    assert response.status_code == 200
    assert (
        f'filename="attendance-{activity.pk}-station-{station.pk}-2027-spring-'
        in (response["Content-Disposition"])
    )


def test_an_activity_nobody_came_to_exports_the_header_row_only(client):
    school = school_add()
    teacher = staff_add(school)
    start = at(2026, 11, 2)
    activity = activity_create(
        title="开放日",
        kind=Activity.Kind.OPEN_DAY,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        audience=Activity.Audience.SCHOOL,
        organised_by=teacher,
        school=school,
        place="操场",
    )
    staff = _client(teacher)
    page = staff.get(f"/activities/{activity.pk}/manage/")
    assert "还没有人报名。" in page.content.decode()
    header = ["家庭", "已报名", "已参加", "签到方式"]
    assert html_table(page.content)[0] == header
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        response = staff.get(f"/activities/{activity.pk}/attendance.{fmt}")
        assert response.status_code == 200
        assert read(response.content) == [header]


def test_only_those_who_may_see_the_list_may_export_it(evening):
    activity = evening["activity"]
    other_school_admin = staff_add(school_add(code="s2", name="河口小学"), admin=True)
    colleague = staff_add(evening["school"])  # teaches elsewhere in the school, not this class
    for outsider in (
        evening["mother"],
        other_school_admin,
        colleague,
        UserFactory(role=Role.BUREAU_ADMIN),  # a school's activity: not the bureau's list
        UserFactory(role=Role.PARTNER),
    ):
        client = _client(outsider)
        assert client.get(f"/activities/{activity.pk}/manage/").status_code == 404
        for fmt in ("csv", "xlsx"):
            assert client.get(f"/activities/{activity.pk}/attendance.{fmt}").status_code == 404
    anonymous = Client().get(f"/activities/{activity.pk}/attendance.csv")
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    admin = _client(staff_add(evening["school"], admin=True))
    assert admin.get(f"/activities/{activity.pk}/attendance.csv").status_code == 200


@pytest.mark.parametrize(
    "tail",
    ["abc/attendance.csv", f"{'9' * 30}/attendance.csv", "12/attendance.pdf", "-1/attendance.xlsx"],
)
def test_bad_ids_and_formats_are_not_found(evening, tail):
    client = Client(raise_request_exception=False)
    client.force_login(evening["teacher"])
    assert client.get(f"/activities/{tail}").status_code == 404


def test_a_parent_without_a_display_name_is_listed_by_a_masked_number(evening):
    # A parent's own account: the phone number doubles as the username.
    parent = user_create(
        username="13800138000",
        password="pw-for-tests-1",
        phone="13800138000",
        display_name="",
        roles=[Role.PARENT],
    )
    family_join(evening["class"], nickname="乐乐", parent=parent)
    staff = _client(evening["teacher"])
    activity = evening["activity"]
    page = staff.get(f"/activities/{activity.pk}/manage/").content
    exported = staff.get(f"/activities/{activity.pk}/attendance.csv").content
    for content in (page, exported):
        assert "13800138000" not in content.decode("utf-8-sig")
    cells = [row[0] for row in csv_table(exported)]
    assert "三年级2班 乐乐 · 138****8000" in cells


def test_the_list_reads_in_english_in_english_mode(evening):
    staff = _client(evening["teacher"])
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    activity = evening["activity"]
    header = ["Family", "Signed up", "Attended", "How they checked in"]
    assert html_table(staff.get(f"/activities/{activity.pk}/manage/").content)[0] == header
    assert csv_table(staff.get(f"/activities/{activity.pk}/attendance.csv").content)[0] == header


def test_an_activity_in_the_summer_gap_is_named_without_a_semester():
    teacher = staff_add(school_add(code="s9"))
    activity = activity_create(
        title="暑期家长会",
        kind=Activity.Kind.PARENT_MEETING,
        starts_at=at(2026, 8, 10),
        ends_at=at(2026, 8, 10, 20),
        audience=Activity.Audience.SCHOOL,
        organised_by=teacher,
        school=teacher.school_posts.get().school,
        place="礼堂",
    )
    response = _client(teacher).get(f"/activities/{activity.pk}/attendance.csv")
    today = timezone.localdate().isoformat()
    assert (
        f'filename="attendance-{activity.pk}-s9-{today}.csv"' in (response["Content-Disposition"])
    )
