"""Demo data for `make run`: a welcome notice to each demo parent, so the notifications page
has something in it and the evening digest prints one text on the worker's console."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from lms.notifications.models import Notification
from lms.notifications.services import notification_send

WELCOME = "欢迎来到网上家长学校"
BODY = (
    "学校通知、老师留言、活动和布置的课程都会列在这里。"
    "每天最多给您发一条汇总短信（夜间不发）；在本页下方可以选择接收哪些消息、用什么方式接收。"
)


def demo_notifications_load() -> int:
    """Idempotent: a parent who already has the welcome notice gets no second one."""
    created = 0
    parents = get_user_model().objects.filter(username__in=["demo-parent", "demo-grandparent"])
    for parent in parents:
        if Notification.objects.filter(user=parent, title=WELCOME).exists():
            continue
        notification_send(
            user=parent, title=WELCOME, body=BODY, url="/learning/", kind=Notification.Kind.ACCOUNT
        )
        created += 1
    return created
