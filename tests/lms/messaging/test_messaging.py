"""A family writes to the teacher, the teacher answers: the rules of what is sent, who is told,
the teacher's to-do list, the school's switch, reporting and hiding, and quiet hours."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.messaging.models import Message, Thread
from lms.messaging.selectors import thread_for
from lms.messaging.services import message_report
from lms.notifications.models import Notification
from tests.lms.messaging.factories import reply, world_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return world_build()


def _send(client, world, body, **extra):
    return client.post(
        reverse("messaging:new"),
        {"to": f"{world.student.pk}:{world.head.pk}", "body": body, **extra},
    )


def test_a_parent_starts_a_thread_with_the_head_teacher_and_the_teacher_is_told(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.mother)
    form = client.get(reverse("messaging:new")).content.decode()
    assert f'value="{world.student.pk}:{world.head.pk}"' in form
    assert f":{world.subject.pk}" not in form  # subject teachers only when the school allows
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, world, "孩子这周情绪不太好，晚上睡不着。", subject="")
    thread = Thread.objects.exclude(pk=world.thread.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/messages/{thread.pk}/"
    assert thread.awaiting_teacher and thread.subject == ""
    told = Notification.objects.get(user=world.head, url=f"/messages/{thread.pk}/")
    assert told.kind == Notification.Kind.MESSAGE and not told.urgent
    assert "小明" in told.title and "情绪" not in told.title + told.body  # the text stays here


def test_the_teachers_answer_tells_every_active_guardian_but_not_a_pending_one(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply(world.thread, world.head, "好的，明天我和孩子聊聊。")
    told = set(
        Notification.objects.filter(
            kind=Notification.Kind.MESSAGE, url__contains="/messages/"
        ).values_list("user_id", flat=True)
    )
    assert told == {world.mother.pk, world.grandmother.pk}
    world.thread.refresh_from_db()
    assert not world.thread.awaiting_teacher


def test_a_message_of_ten_thousand_characters_is_refused_and_what_was_typed_is_kept(client, world):
    client.force_login(world.mother)
    text = "我" * 9991 + "<b>结尾</b>"
    response = _send(client, world, text)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2000" in page and "10000" in page
    assert "我" * 9991 + "&lt;b&gt;结尾&lt;/b&gt;" in page  # in the textarea, escaped
    assert Thread.objects.count() == 1
    reply_page = client.post(reverse("messaging:thread", args=[world.thread.pk]), {"body": text})
    assert reply_page.status_code == 200 and "我" * 9990 in reply_page.content.decode()
    assert world.thread.messages.count() == 2


def test_a_message_of_exactly_two_thousand_characters_is_sent(client, world):
    client.force_login(world.mother)
    assert _send(client, world, "好" * 2000).status_code == 302


def test_an_empty_message_is_refused_with_a_clear_error(client, world):
    client.force_login(world.mother)
    response = client.post(reverse("messaging:thread", args=[world.thread.pk]), {"body": "   "})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert world.thread.messages.count() == 2


def test_a_missing_or_nonsense_recipient_is_a_form_error_or_not_found_never_a_500(client, world):
    client.force_login(world.mother)
    missing = client.post(reverse("messaging:new"), {"body": "你好"})
    assert missing.status_code == 200 and 'role="alert"' in missing.content.decode()
    assert client.post(reverse("messaging:new"), {"to": "9" * 40, "body": "x"}).status_code == 404


def test_text_is_shown_as_plain_text(client, world):
    client.force_login(world.mother)
    reply(world.thread, world.mother, '<script>alert("x")</script>\n第二行')
    page = client.get(reverse("messaging:thread", args=[world.thread.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>第二行" in page


def test_sending_is_limited_per_hour_with_a_clear_message_and_the_text_kept(
    client, world, settings
):
    settings.LMS_MESSAGES_PER_HOUR = 3
    client.force_login(world.mother)
    url = reverse("messaging:thread", args=[world.thread.pk])
    # The mother has sent one (the thread's first); two more reach the limit.
    assert client.post(url, {"body": "二"}).status_code == 302
    assert client.post(url, {"body": "三"}).status_code == 302
    refused = client.post(url, {"body": "第四条"})
    page = refused.content.decode()
    assert refused.status_code == 200 and "第四条" in page and 'role="alert"' in page
    assert world.thread.messages.filter(author=world.mother).count() == 3
    # The grandmother has her own allowance; an hour later the mother has hers again.
    client.force_login(world.grandmother)
    assert client.post(url, {"body": "奶奶写的"}).status_code == 302
    Message.objects.filter(author=world.mother).update(
        created_at=timezone.now() - timedelta(minutes=61)
    )
    client.force_login(world.mother)
    assert client.post(url, {"body": "第四条"}).status_code == 302


def test_the_rate_limit_says_how_long_to_wait(world, settings):
    from lms.core.errors import ServiceError

    settings.LMS_MESSAGES_PER_HOUR = 1
    with pytest.raises(ServiceError) as refused:
        reply(world.thread, world.mother, "再一条")
    assert refused.value.field == "body" and 0 < refused.value.retry_after <= 3600


def test_the_teachers_inbox_puts_unanswered_threads_first_oldest_first_with_unread_markers(
    client, world
):
    from lms.messaging.services import thread_start

    le = world.other_parent.school_guardianships.get().student
    waiting = thread_start(user=world.other_parent, student=le, teacher=world.head, body="一")
    Thread.objects.filter(pk=waiting.pk).update(last_message_at=timezone.now() - timedelta(days=1))
    newer = thread_start(user=world.mother, student=world.student, teacher=world.head, body="二")
    client.force_login(world.head)
    inbox = client.get(reverse("messaging:class", args=[world.class_a.pk])).content.decode()
    waiting_part, answered_part = inbox.split("data-answered")
    assert waiting_part.index(f"/messages/{waiting.pk}/") < waiting_part.index(
        f"/messages/{newer.pk}/"
    )
    assert f"/messages/{world.thread.pk}/" in answered_part  # answered: last, no marker
    assert waiting_part.count("data-unread") == 2
    client.get(reverse("messaging:thread", args=[waiting.pk]))
    inbox = client.get(reverse("messaging:class", args=[world.class_a.pk])).content.decode()
    assert inbox.split("data-answered")[0].count("data-unread") == 1


def test_the_family_sees_an_unread_answer_until_they_open_it(client, world):
    client.force_login(world.grandmother)
    assert "data-unread" in client.get(reverse("messaging:inbox")).content.decode()
    learning = client.get(reverse("learning:home")).content.decode()
    assert "data-contact-teacher" in learning and '<span class="badge">1</span>' in learning
    client.get(reverse("messaging:thread", args=[world.thread.pk]))
    assert "data-unread" not in client.get(reverse("messaging:inbox")).content.decode()
    # The mother's marker is her own.
    client.force_login(world.mother)
    assert "data-unread" in client.get(reverse("messaging:inbox")).content.decode()


def test_my_learning_shows_contact_the_teacher_only_to_families_of_a_class(client, world):
    client.force_login(world.pending)
    assert "data-contact-teacher" not in client.get(reverse("learning:home")).content.decode()
    client.force_login(world.other_parent)
    page = client.get(reverse("learning:home")).content.decode()
    assert "data-contact-teacher" in page and 'href="/messages/"' in page


def test_teachers_and_administrators_get_a_header_link_and_parents_do_not(client, world):
    link = 'href="/messages/">'
    for user, shown in ((world.head, True), (world.admin, True), (world.mother, False)):
        client.force_login(user)
        assert (link in client.get(reverse("notifications")).content.decode()) is shown


def test_the_school_admin_lets_families_write_to_subject_teachers(client, world):
    key = f"{world.student.pk}:{world.subject.pk}"
    client.force_login(world.mother)
    assert client.post(reverse("messaging:new"), {"to": key, "body": "x"}).status_code == 404
    client.force_login(world.head)  # a teacher may not change the switch
    school_url = reverse("messaging:school", args=[world.school.code])
    assert client.post(school_url, {"subject_teachers": "on"}).status_code == 404
    client.force_login(world.admin)
    assert client.post(school_url, {"subject_teachers": "on"}).status_code == 302
    client.force_login(world.mother)
    assert key in client.get(reverse("messaging:new")).content.decode()
    assert client.post(reverse("messaging:new"), {"to": key, "body": "数学作业"}).status_code == 302
    assert Thread.objects.filter(teacher=world.subject).exists()


def test_a_report_marks_the_message_and_tells_the_school_admin(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.head)
    url = reverse("messaging:report", args=[world.thread.pk, world.family_message.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "rude", "note": "语气很冲"})
    assert response.status_code == 302
    world.family_message.refresh_from_db()
    assert world.family_message.reported_at is not None
    told = Notification.objects.get(user=world.admin)
    assert told.kind == Notification.Kind.MESSAGE and told.url == f"/messages/{world.thread.pk}/"
    assert not Notification.objects.filter(user=world.other_admin).exists()
    again = client.post(url, {"reason": "rude"})
    assert again.status_code == 200 and 'role="alert"' in again.content.decode()
    client.force_login(world.admin)
    school = client.get(reverse("messaging:school", args=[world.school.code])).content.decode()
    reported = school.split("data-reported")[1].split("</ul>")[0]
    assert f"/messages/{world.thread.pk}/" in reported
    thread_page = client.get(reverse("messaging:thread", args=[world.thread.pk])).content.decode()
    assert "老师举报" in thread_page and "粗鲁或辱骂" in thread_page and "语气很冲" in thread_page
    client.force_login(world.mother)  # the family is not shown who reported what
    family_page = client.get(reverse("messaging:thread", args=[world.thread.pk])).content.decode()
    assert "语气很冲" not in family_page and "data-reports" not in family_page


def test_a_report_needs_a_reason_from_the_list_and_ones_own_message_cannot_be_reported(
    client, world
):
    client.force_login(world.head)
    url = reverse("messaging:report", args=[world.thread.pk, world.family_message.pk])
    assert client.post(url, {"reason": "nonsense"}).status_code == 200
    own = reverse("messaging:report", args=[world.thread.pk, world.teacher_message.pk])
    assert client.post(own, {"reason": "rude"}).status_code == 404
    with pytest.raises(ServiceError, match="自己发的"):
        message_report(
            seen=thread_for(user=world.head, thread_id=world.thread.pk),
            user=world.head,
            message=world.teacher_message,
            reason="rude",
        )


def test_a_hidden_message_is_kept_and_shown_as_hidden_except_to_the_admin(client, world):
    client.force_login(world.admin)
    hide = reverse("messaging:hide", args=[world.thread.pk, world.teacher_message.pk])
    assert client.post(hide).status_code == 302
    assert Message.objects.filter(pk=world.teacher_message.pk).exists()
    admin_page = client.get(reverse("messaging:thread", args=[world.thread.pk])).content.decode()
    assert "谢谢告诉我" in admin_page and "data-hidden" in admin_page
    for user in (world.mother, world.head):
        client.force_login(user)
        page = client.get(reverse("messaging:thread", args=[world.thread.pk])).content.decode()
        assert "谢谢告诉我" not in page and "已隐藏" in page


def test_the_admin_reads_without_a_reply_form_and_leaves_no_read_mark(client, world):
    client.force_login(world.admin)
    page = client.get(reverse("messaging:thread", args=[world.thread.pk])).content.decode()
    assert "data-message-form" not in page
    assert not world.thread.reads.filter(user=world.admin).exists()


def _quiet_now(settings):
    now = timezone.localtime()
    start, end = now - timedelta(hours=1), now + timedelta(hours=1)
    settings.LMS_QUIET_HOURS = f"{start:%H:%M}-{end:%H:%M}"


def test_at_night_the_form_says_the_teacher_will_see_it_in_the_morning(client, world, settings):
    client.force_login(world.mother)
    settings.LMS_QUIET_HOURS = ""
    assert "data-quiet" not in client.get(reverse("messaging:new")).content.decode()
    _quiet_now(settings)
    page = client.get(reverse("messaging:new")).content.decode()
    assert "data-quiet" in page and "早上" in page
    thread_page = client.get(reverse("messaging:thread", args=[world.thread.pk])).content.decode()
    assert "data-quiet" in thread_page
    # Stored at once all the same.
    assert _send(client, world, "晚上写的").status_code == 302


def test_at_night_the_teachers_inbox_does_not_count_what_is_waiting(client, world, settings):
    reply(world.thread, world.mother, "还有一件事")
    client.force_login(world.head)
    settings.LMS_QUIET_HOURS = ""
    assert "等您回复" in client.get(reverse("messaging:inbox")).content.decode()
    _quiet_now(settings)
    page = client.get(reverse("messaging:inbox")).content.decode()
    assert "等您回复" not in page and "data-quiet" in page
