"""A demo conversation: 小明's mother writes to the head teacher of 三年级2班, who answers."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from lms.messaging.models import Thread
from lms.messaging.selectors import recipients_for, thread_for
from lms.messaging.services import message_post, thread_start


@transaction.atomic
def demo_messages_load() -> bool:
    """Create the demo thread once; False when there is one or the demo family is missing."""
    users = get_user_model().objects.filter(username__in=["demo-parent", "demo-teacher"])
    people = {user.username: user for user in users}
    parent, teacher = people.get("demo-parent"), people.get("demo-teacher")
    if parent is None or teacher is None or Thread.objects.filter(teacher=teacher).exists():
        return False
    chosen = next((r for r in recipients_for(user=parent) if r.teacher == teacher), None)
    if chosen is None:
        return False
    thread = thread_start(
        user=parent,
        student=chosen.student,
        teacher=teacher,
        subject="小明最近晚上睡得晚",
        body="李老师好！小明这两周晚上总要十一点才睡，早上起不来，白天上课会不会犯困？"
        "我们在家试着九点半收手机，他有点闹情绪。想听听您的建议。",
    )
    message_post(
        seen=thread_for(user=teacher, thread_id=thread.pk),
        user=teacher,
        body="小明妈妈好，谢谢您告诉我。这两天上午第二节课他确实有点没精神。"
        "收手机的做法很好，可以和他一起定个睡前半小时的安排，比如一起读书。"
        "我在班上也会多留意他的情绪，有变化再和您说。",
    )
    return True
