"""Demo notice: the demo class's head teacher asks families to confirm a notice."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from lms.notices.models import Notice
from lms.notices.services import notice_create
from lms.schools.models import SchoolClass

DEMO_TITLE = "关于本周五下午提前放学的通知"
DEMO_BODY = (
    "各位家长：\n"
    "因学校教研活动，本周五下午 14:30 放学，请按时到校门口接孩子。\n"
    "不能按时接的家庭，请提前告诉班主任，孩子可以在教室等候。\n"
    "收到请点“我已阅读”。谢谢配合！"
)


@transaction.atomic
def demo_notices_load(*, school_code: str) -> bool:
    """Create the demo notice once; False when it exists or the demo class is missing."""
    if Notice.objects.filter(title=DEMO_TITLE).exists():
        return False
    school_class = (
        SchoolClass.objects.filter(school__code=school_code, grade="p3", name="2班")
        .select_related("school")
        .first()
    )
    teacher = get_user_model().objects.filter(username="demo-teacher").first()
    if school_class is None or teacher is None or school_class.head_teacher_id != teacher.pk:
        return False
    notice_create(
        author=teacher,
        school=school_class.school,
        audience=Notice.Audience.CLASSES,
        classes=[school_class],
        title=DEMO_TITLE,
        body=DEMO_BODY,
        asks_confirmation=True,
    )
    return True
