"""Demo co-education data: communities, a station, a few activities, a ledger designation."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lms.activities.models import Activity, Community, Station
from lms.activities.services import activity_create
from lms.activities.slot_services import reception_day_open
from lms.activities.talk_demo import demo_talks_schedule
from lms.schools.models import School, SchoolClass
from lms.support.services import designation_seed

DEMO_COMMUNITIES = [
    ("东街社区", "城关镇", False),
    ("西街社区", "城关镇", False),
    ("河口村", "河口乡", True),
    ("新田村", "河口乡", True),
]


def _evening(days: int, hour: int = 19) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def demo_coeducation_load(*, school_code: str) -> bool:
    """Create the demo station and activities once; False when they exist."""
    if Community.objects.filter(name=DEMO_COMMUNITIES[0][0]).exists():
        return False
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")}
    communities = [
        Community.objects.create(name=name, township=township, is_village=village)
        for name, township, village in DEMO_COMMUNITIES
    ]
    station = Station.objects.create(
        name="东街社区家庭教育指导站",
        community=communities[0],
        host=Station.Host.WOMEN_CHILDREN_HOME,
    )
    if "demo-station" in users:
        station.staff.add(users["demo-station"])
    activity_create(
        title="隔代教育：爷爷奶奶怎么带娃",
        kind=Activity.Kind.LECTURE,
        starts_at=_evening(5, 15),
        ends_at=_evening(5, 16),
        audience=Activity.Audience.PUBLIC,
        organised_by=users.get("demo-station"),
        station=station,
        place="东街社区妇女儿童之家",
        capacity=40,
    )
    school = School.objects.filter(code=school_code).first()
    school_class = SchoolClass.objects.filter(school=school, grade="p3", name="2班").first()
    if school is not None and school_class is not None:
        activity_create(
            title="三年级家长会：陪孩子写作业",
            kind=Activity.Kind.PARENT_MEETING,
            starts_at=_evening(7),
            ends_at=_evening(7, 20),
            audience=Activity.Audience.CLASSES,
            classes=[school_class],
            organised_by=users.get("demo-teacher"),
            school=school,
            place="教学楼三楼会议室",
            capacity=60,
        )
        if "demo-schooladmin" in users:
            designation_seed(user=users["demo-schooladmin"], school=school)
    if "demo-bureau" in users:
        designation_seed(user=users["demo-bureau"], school=None)
    demo_talks_schedule()
    return True


def demo_reception_load(*, school_code: str) -> bool:
    """A reception day in three days' time for the demo class (三年级2班), in 15-minute slots,
    opened by its head teacher; False when the class has one to come already, or no teacher."""
    school_class = (
        SchoolClass.objects.filter(school__code=school_code, grade="p3", name="2班")
        .select_related("school", "head_teacher")
        .first()
    )
    if school_class is None or school_class.head_teacher is None:
        return False
    upcoming = Activity.objects.filter(
        kind=Activity.Kind.RECEPTION_DAY, classes=school_class, ends_at__gt=timezone.now()
    )
    if upcoming.exists():
        return False
    reception_day_open(
        user=school_class.head_teacher,
        school_class=school_class,
        day=timezone.localdate() + timedelta(days=3),
        starts=time(16, 0),
        ends=time(17, 30),
        minutes=15,
        place="三年级办公室",
    )
    return True
