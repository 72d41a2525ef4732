"""English mode is English: every page each role can reach, rendered with the English
cookie, shows no Chinese outside content (what editors, schools and families wrote).

The demo content gives realistic data. Content is whitelisted by listing the models and
fields people write (`CONTENT_FIELDS`, every field of a page); interface vocabulary
(stages, grades, topics, venue types, activity kinds, station hosts, ledger categories,
roles) is never whitelisted, so a label that stays Chinese fails here.
"""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.utils import timezone, translation
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, Lecturer, LessonPage, TalkPage
from lms.activities.models import Activity, Station
from lms.directory.models import Venue
from lms.learning.documents import statement_current_year
from lms.learning.models import Certificate
from lms.learning.selectors import holder_name_masked
from lms.messaging.models import Thread
from lms.schools.models import SchoolClass, Student
from lms.support.models import Category
from lms.support.services import record_create

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff]")

# What people write, per model: these may be Chinese in any interface language.
CONTENT_FIELDS = {
    "accounts.User": ["display_name"],
    "courses.Lecturer": ["name", "title", "bio"],
    "schools.School": ["name", "township"],
    "schools.Student": ["nickname"],
    "schools.Guardian": ["name"],
    "schools.Assignment": ["note"],
    "learning.Child": ["nickname"],
    "learning.Certificate": ["holder_name", "course_title"],
    "learning.CreditEntry": ["title"],
    "directory.Venue": [
        "name",
        "township",
        "address",
        "opening_hours",
        "student_policy",
        "preschool_policy",
        "topics",
        "summary",
    ],
    "activities.Community": ["name", "township"],
    "activities.Station": ["name"],
    "activities.Activity": ["title", "place", "description"],
    "activities.TalkRequest": ["topic", "preferred_dates", "audience_note", "reply"],
    "support.SupportRecord": ["caregiver", "parents_work_location", "contact_rhythm", "needs"],
    "support.SupportAction": ["note"],
    "homevisits.HomeVisit": ["participants", "notes"],
    "care.CareNotice": ["caregiver", "note"],
    "notices.Notice": ["title", "body"],
    "notices.Attachment": ["name"],
    # Notices and the ledger's audit trail are written once, when they happen, in the
    # language of that moment (the demo loader's is Chinese): history, not interface.
    "notifications.Notification": ["title", "body"],
    "messaging.Thread": ["subject"],
    "messaging.Message": ["body"],
    "support.AuditEntry": ["detail"],
}
# What the visitor typed into a search box in the pages below.
TYPED = ["手机"]
# Chinese that the interface shows on purpose, in every language, with the reason.
ALLOWED = [
    "简体中文",  # the language switcher names each language in that language
    # The roster file's header row and relation words are Chinese: the importer reads them.
    "年级, 班级, 学生, 家长, 手机号, 关系",
    # The catalogue is written in Chinese, so the search examples show what to type.
    "孩子不想上学, 挑食怎么办",
]


class _VisibleText(HTMLParser):
    """Text nodes and the attributes people see or hear (title, aria-label, placeholder…)."""

    HIDDEN = {"script", "style", "template"}
    SEEN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        self.parts.extend(v for k, v in attrs if k in self.SEEN_ATTRIBUTES and v)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def _visible(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


def _content_strings() -> list[str]:
    """Every piece of content in the database, longest first (so titles go before names)."""
    values = []
    for page in Page.objects.all().specific():
        for field in page._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | RichTextField):
                values.append(getattr(page, field.attname) or "")
            elif isinstance(field, StreamField):
                values.append(str(getattr(page, field.attname)))
    for label, names in CONTENT_FIELDS.items():
        for row in apps.get_model(label).objects.values_list(*names):
            # a text shown with its line breaks kept is checked line by line
            values.extend(line for value in row for line in str(value or "").splitlines())
    # A named class ("英才班") is the school's; a numbered one ("2班") is shown translated.
    values += [
        name
        for name in SchoolClass.objects.values_list("name", flat=True)
        if not re.fullmatch(r"\d+班", name)
    ]
    # The public verification page shows a holder's name masked (王**).
    values += [
        holder_name_masked(n) for n in Certificate.objects.values_list("holder_name", flat=True)
    ]
    pieces = set()
    for value in values:
        pieces.add(" ".join(value.split()))
        pieces.update(_visible(value))  # rich text: its paragraphs, as pages show them
    return sorted((p for p in pieces if CJK.search(p)), key=len, reverse=True)


def _leftover(text: str, content: list[str]) -> str:
    for piece in (*ALLOWED, *content, *TYPED):
        if piece in text:
            text = text.replace(piece, " ")
    return text if CJK.search(text) else ""


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    # The database search backend: an Elasticsearch index is shared by the whole run and holds
    # other tests' courses, which are nobody's content here. Labels on ES: tests/search.
    settings.ELASTICSEARCH_URL = None
    with translation.override(settings.LANGUAGE_CODE):  # as `manage.py` runs it
        call_command("load_demo_content")
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo")}
    school_class = SchoolClass.objects.get(school__code="demo-school", grade="p3", name="2班")
    student = Student.objects.filter(school_class=school_class).first()
    record = record_create(
        user=users["demo-bureau"],
        student=student,
        categories=[Category.LEFT_BEHIND, Category.SINGLE_PARENT],
        caregiver="祖母（70岁）",
        needs="作业没人辅导",
        responsible=users["demo-teacher"],
        next_review_on=timezone.localdate() + timedelta(days=30),
    )
    # The demo parent's certificate and 学时 come with the demo (lms/learning/demo.py).
    return users, school_class, student, record


def _pages_by_role(school_class, student, record) -> dict[str | None, list[str]]:
    """Every page each role can reach (no Wagtail admin), written out to be reviewable."""
    course = CoursePage.objects.live().first()
    lesson = LessonPage.objects.live().descendant_of(course).first()
    talk = TalkPage.objects.live().first()
    lecturer_index = (
        Page.objects.live().type(apps.get_model("courses", "LecturerIndexPage")).first()
    )
    lecturer = Lecturer.objects.first()
    meeting, lecture = (
        Activity.objects.get(kind=Activity.Kind.PARENT_MEETING),
        Activity.objects.get(kind=Activity.Kind.LECTURE),
    )
    reception = Activity.objects.get(kind=Activity.Kind.RECEPTION_DAY)
    catalogue = CourseIndexPage.objects.live().first().url
    certificate = Certificate.objects.get().code
    c, s = school_class.pk, school_class.school.code
    thread = Thread.objects.get(teacher__username="demo-teacher")
    t, answer = thread.pk, thread.messages.filter(from_teacher=True).first().pk
    care = apps.get_model("care", "CareNotice").objects.get()
    notice = apps.get_model("notices", "Notice").objects.get().pk
    everyone = [
        "/",
        catalogue,
        f"{catalogue}?topic=劳动教育",
        f"{catalogue}?stage=primary_middle",
        course.url,
        lesson.url,
        talk.get_parent().url,
        talk.url,
        lecturer_index.url,
        f"{lecturer_index.url}{lecturer.pk}/",
        "/search/",
        "/search/?q=手机",
        "/search/?topic=劳动教育",
        "/search/?stage=junior",
        "/directory/",
        "/directory/?type=library",
    ]
    signed_in = [*everyone, "/notifications/", f"/activities/{lecture.pk}/"]
    return {
        None: [
            *everyone,
            "/accounts/login/",
            "/accounts/login/code/",
            "/accounts/register/",
            "/accounts/password/reset/",
            "/join/",
            f"/join/{school_class.invite_code}/",
            f"/verify/{certificate}/",
        ],
        "demo-parent": [
            *signed_in,
            "/learning/",
            "/learning/children/add/",
            "/learning/family/",
            f"/activities/{meeting.pk}/",
            f"/activities/reception/{reception.pk}/",
            f"/learning/certificates/{certificate}/",
            f"/learning/statement/{statement_current_year()}/",
            "/messages/",
            "/messages/new/",
            f"/messages/{t}/",
            f"/messages/{t}/report/{answer}/",
            "/care/",
            f"/care/children/{care.student_id}/new/",
            f"/care/{care.pk}/",
            f"/care/{care.pk}/edit/",
            "/notices/",
            f"/notices/{notice}/",
        ],
        "demo-teacher": [
            *signed_in,
            "/school/",
            "/school/classes/new/",
            f"/school/classes/{c}/",
            f"/school/classes/{c}/report/",
            f"/school/classes/{c}/assign/",
            f"/visits/classes/{c}/",
            f"/visits/classes/{c}/students/{student.pk}/",
            "/activities/",
            "/activities/new/",
            f"/activities/{meeting.pk}/manage/",
            "/messages/",
            f"/messages/class/{c}/",
            f"/messages/{t}/",
            "/care/received/",
            f"/care/received/?class={c}",
            f"/care/{care.pk}/",
            "/notices/new/",
            f"/notices/{notice}/",
            f"/notices/{notice}/unconfirmed/",
            f"/notices/{notice}/withdraw/",
            "/activities/reception/new/",
            f"/activities/reception/{reception.pk}/",
        ],
        "demo-schooladmin": [
            *signed_in,
            "/school/",
            f"/school/s/{s}/",
            f"/school/s/{s}/assign/",
            f"/school/s/{s}/roster/",
            f"/school/s/{s}/staff/",
            "/school/lockouts/",
            "/activities/",
            "/activities/new/",
            "/activities/talks/",
            "/support/",
            "/support/new/",
            f"/support/{record.pk}/",
            "/messages/",
            f"/messages/school/{s}/",
            f"/messages/{t}/",
            "/care/received/",
            f"/care/{care.pk}/",
            "/notices/new/",
            f"/notices/{notice}/unconfirmed/",
        ],
        "demo-bureau": [
            *signed_in,
            "/school/",
            "/school/county/",
            f"/school/s/{s}/",
            "/supervision/",
            f"/supervision/s/{s}/teachers/",
            "/activities/",
            "/activities/new/",
            "/activities/talks/",
            "/support/",
            f"/support/{record.pk}/",
            "/support/audit/",
            "/care/county/",
            "/care/received/",
            f"/care/{care.pk}/",
        ],
        "demo-station": [
            *signed_in,
            "/activities/",
            "/activities/new/",
            f"/activities/{lecture.pk}/manage/",
            "/care/received/",
            f"/care/{care.pk}/",
        ],
        "demo-partner": [*signed_in, "/supervision/"],
        # The ledger officer's one page of their own is the designations page in the admin.
        "demo-ledger": signed_in,
    }


def test_every_page_of_every_role_shows_no_chinese_outside_content_in_english(client, demo):
    users, school_class, student, record = demo
    content = _content_strings()
    leftovers, not_shown, seen = [], [], set()
    for username, urls in _pages_by_role(school_class, student, record).items():
        client.logout()
        if username:
            client.force_login(users[username])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                not_shown.append(f"{username} {url}: {response.status_code}")
                continue
            html = response.content.decode()
            if '<html lang="en"' not in html:
                leftovers.append(f"{username} {url}: <html lang> is not en")
            seen.update(_visible(html))
            leftovers.extend(
                f"{username} {url}: {text!r}"
                for part in _visible(html)
                if (text := _leftover(part, content))
            )
    assert not_shown == [], "pages the role should reach:\n" + "\n".join(not_shown)
    assert leftovers == [], "Chinese left in English mode:\n" + "\n".join(sorted(set(leftovers)))
    # The walk saw the vocabulary it is about, in English.
    shown = "\n".join(seen)
    for label in (
        "Grade 3 Class 2",
        "Primary grades 3–4",
        "Library",
        "Parent meeting",
        "Talk on a topic",
        "Women and children's home",
        "Left-behind child",
        "Online Parent School",
    ):
        assert label in shown, label


def test_the_same_pages_in_chinese_still_show_the_chinese_vocabulary(client, demo):
    """The other half: nothing above was made English by dropping the Chinese."""
    users, school_class, _student, _record = demo
    client.force_login(users["demo-teacher"])
    html = client.get(f"/school/classes/{school_class.pk}/").content.decode()
    assert '<html lang="zh-hans"' in html and "三年级2班" in html
    directory = client.get("/directory/").content.decode()
    assert "图书馆" in directory and "小学1–2年级" in directory
    course = CoursePage.objects.live().filter(lecturers__isnull=False).first()
    lecturer = course.lecturers.first()
    assert f"讲师：{lecturer.name}" in client.get(course.url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert f"Lecturer: {lecturer.name}" in client.get(course.url).content.decode()
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    catalogue = client.get("/search/?topic=劳动教育").content.decode()
    assert "劳动教育" in catalogue and "网上家长学校" in catalogue


@pytest.mark.parametrize(
    ("choices", "chinese"),
    [
        (
            Venue.Kind,
            "爱国主义教育基地 法治教育基地 研学实践基地 科普教育基地 图书馆 博物馆 文化馆 非遗馆 "
            "美术馆 纪念馆 科技馆 演出场馆 体育场馆 国家公园 少年宫 儿童活动中心",
        ),
        (Station.Host, "妇女儿童之家 党群服务中心 青年之家 其他承办单位"),
        (Activity.Kind, "家长会 家长开放日 家长接待日 专题讲座 亲子活动 线上讲座"),
        (
            Category,
            "留守儿童 残疾儿童 孤儿 单亲家庭 重组家庭 服刑人员家庭 困难家庭 其他",
        ),
    ],
)
def test_labels_now_written_in_english_read_in_chinese_exactly_as_before(choices, chinese):
    with translation.override("zh-hans"):
        assert " ".join(str(label) for label in choices.labels) == chinese
    with translation.override("en"):
        assert not [label for label in choices.labels if CJK.search(str(label))]
