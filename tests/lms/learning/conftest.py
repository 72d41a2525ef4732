import pytest

from lms.accounts.roles import Role
from media_pipeline.models import MediaAsset
from tests.courses.factories import UserFactory, course_add, lesson_add


@pytest.fixture
def parent(db):
    return UserFactory(role=Role.PARENT, display_name="王秀兰")


@pytest.fixture
def course(db):
    return course_add(title="亲子沟通", credit_hours="2.0")


def _video(duration=100.0):
    return MediaAsset.objects.create(
        title="v",
        original="x.mp4",
        status=MediaAsset.Status.READY,
        kind="video",
        duration=duration,
        hls_master="m/hls/master.m3u8",
    )


@pytest.fixture
def video_lesson(course):
    return lesson_add(course, title="第一课", media=_video())


@pytest.fixture
def make_video_lesson(course):
    return lambda title, **kw: lesson_add(course, title=title, media=_video(), **kw)
