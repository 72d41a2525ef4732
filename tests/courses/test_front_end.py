from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import CourseIndexPage, Lecturer
from lms.accounts.roles import Role
from media_pipeline.models import MediaAsset
from tests.courses.factories import LecturerFactory, UserFactory, course_add, lesson_add, talk_add

pytestmark = pytest.mark.django_db


def test_catalogue_by_child_age_and_topic(client):
    course_add(title="幼儿园习惯", stages=["kindergarten"], topics=["习惯养成"])
    course_add(title="小学沟通", stages=["primary_middle"], topics=["亲子沟通"])
    course_add(title="未发布课程", stages=["primary_middle"], live=False)
    index = CourseIndexPage.objects.get().url
    html = client.get(index, {"age": 8}).content.decode()
    assert "小学沟通" in html and "幼儿园习惯" not in html and "未发布课程" not in html
    html = client.get(index, {"topic": "习惯养成"}).content.decode()
    assert "幼儿园习惯" in html and "小学沟通" not in html


@pytest.mark.parametrize(
    "query", [{"age": "abc"}, {"age": "99"}, {"stage": "grade9"}, {"type": "x' OR 1=1"}]
)
def test_bad_filters_are_ignored_with_a_note(client, query):
    course_add(title="课程甲")
    response = client.get(CourseIndexPage.objects.get().url, query)
    assert response.status_code == 200
    assert "课程甲" in response.content.decode()


def test_course_page_lists_live_lessons_in_order(client):
    course = course_add(title="情绪课")
    lesson_add(course, title="第一课")
    lesson_add(course, title="草稿课", live=False)
    lesson_add(course, title="第二课", required=False)
    html = client.get(course.url).content.decode()
    assert html.index("第一课") < html.index("第二课") and "草稿课" not in html
    assert "选学" in html


def test_reading_lesson_and_pending_video(client):
    course = course_add()
    reading = lesson_add(course, title="阅读课")
    pending = lesson_add(
        course, title="视频课", media=MediaAsset.objects.create(title="v", original="x.mp4")
    )
    reading_html = client.get(reading.url).content.decode()
    assert "data-player" not in reading_html and "正文" in reading_html
    pending_html = client.get(pending.url).content.decode()
    assert "data-player" not in pending_html and "正在准备" in pending_html


def test_ready_video_gets_the_player_with_fallbacks(client):
    asset = MediaAsset.objects.create(
        title="v",
        original="x.mp4",
        status=MediaAsset.Status.READY,
        kind="video",
        duration=60,
        hls_master="media/assets/1/r/hls/master.m3u8",
        mp4_fallback="media/assets/1/r/fallback.mp4",
        audio_only="media/assets/1/r/audio/index.m3u8",
        audio_file="media/assets/1/r/audio.m4a",
        poster="media/assets/1/r/poster.jpg",
    )
    lesson = lesson_add(course_add(), media=asset)
    html = client.get(lesson.url).content.decode()
    assert 'data-hls="/media/media/assets/1/r/hls/master.m3u8"' in html
    assert 'preload="none"' in html and "fallback.mp4" in html and "只听声音" in html


def test_lecturer_pages(client):
    lecturer = LecturerFactory(name="王秀兰")
    course_add(title="隔代教养", lecturer=lecturer)
    team = client.get("/lecturers/").content.decode()
    assert "王秀兰" in team
    detail = client.get(f"/lecturers/{lecturer.pk}/").content.decode()
    assert "隔代教养" in detail
    assert client.get("/lecturers/999999/").status_code == 404


def test_talks_page_splits_upcoming_and_replays(client):
    replay_media = MediaAsset.objects.create(
        title="r", original="x.m4a", status=MediaAsset.Status.READY
    )
    talk_add(title="将来的讲座", date=timezone.localdate() + timedelta(days=3))
    talk_add(
        title="上个月的讲座", date=timezone.localdate() - timedelta(days=3), media=replay_media
    )
    html = client.get("/talks/").content.decode()
    assert html.index("将来的讲座") < html.index("<h2>往期回放</h2>") < html.index("上个月的讲座")


def test_deleting_a_lecturer_with_courses_is_refused_with_a_message(client):
    reviewer = UserFactory(role=Role.REVIEWER)
    busy, free = LecturerFactory(name="有课讲师"), LecturerFactory(name="无课讲师")
    course_add(lecturer=busy)
    client.force_login(reviewer)
    response = client.post(
        reverse("wagtailsnippets_courses_lecturer:delete", args=[busy.pk]), follow=True
    )
    assert Lecturer.objects.filter(pk=busy.pk).exists()
    assert "有课讲师" in response.content.decode() and "还有课程或讲座" in response.content.decode()
    client.post(reverse("wagtailsnippets_courses_lecturer:delete", args=[free.pk]))
    assert not Lecturer.objects.filter(pk=free.pk).exists()


def test_lesson_counts_leave_out_drafts_and_durations_come_from_media(client):
    course = course_add(title="计数课程")
    lesson_add(course, title="上线课")
    lesson_add(course, title="草稿", live=False)
    html = client.get(CourseIndexPage.objects.get().url).content.decode()
    assert "1 课" in html and "2 课" not in html
    media = MediaAsset.objects.create(
        title="v", original="x.mp4", status=MediaAsset.Status.READY, duration=125
    )
    lesson_add(course, title="视频", media=media)
    assert "3 分钟" in client.get(course.url).content.decode()
