"""A parent on a phone plays a lesson; real heartbeats record progress; the lesson resumes."""

import time

import pytest
from django.core.files import File

from lms.accounts.roles import Role
from lms.learning.models import LessonProgress
from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_create
from tests.courses.factories import UserFactory, course_add, lesson_add
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.media_pipeline.clips import clip

pytestmark = [
    pytest.mark.services("chromium", "ffmpeg"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def lesson(tmp_path):
    with clip(tmp_path, "long.mp4").open("rb") as handle:
        asset = asset_create(
            file=File(handle, name="phone.mp4"), title="手机录像", original_name="phone.mp4"
        )
    asset.refresh_from_db()
    assert asset.status == MediaAsset.Status.READY
    return lesson_add(course_add(title="亲子沟通"), title="先听后说", media=asset)


def _wait_for(condition, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _wait_for_quiet(read, quiet=1.5, seconds=10.0):
    """Wait until `read()` has not changed for `quiet` seconds (beats sent on leaving)."""
    deadline = time.monotonic() + seconds
    last, since = read(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = read()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


@pytest.mark.parametrize("native_hls", [True, False], ids=["native-hls", "hls.js"])
def test_heartbeats_record_what_was_watched_and_the_lesson_resumes(
    live_server, phone, lesson, native_hls
):
    phone.set_default_timeout(20000)
    parent = UserFactory(role=Role.PARENT, username="13812345678")
    if not native_hls:  # browsers without native HLS get hls.js
        phone.context.add_init_script(
            "const o = HTMLMediaElement.prototype.canPlayType;"
            "HTMLMediaElement.prototype.canPlayType = function (t) {"
            "  return /mpegurl/i.test(t) ? '' : o.call(this, t); };"
        )
    sign_in(phone, live_server.url, parent.username)
    phone.goto(live_server.url + lesson.url)
    phone.click("[data-player-start]")
    phone.wait_for_function("() => document.querySelector('video').currentTime > 2.5")
    phone.evaluate("() => document.querySelector('video').pause()")  # pausing sends a beat

    def recorded():
        progress = LessonProgress.objects.filter(user=parent, lesson=lesson).first()
        return progress is not None and progress.watched_seconds > 2

    assert _wait_for(recorded), "no heartbeat reached the server"
    if not native_hls:
        assert phone.evaluate(
            "() => !!window.Hls && document.querySelector('video').currentSrc.startsWith('blob:')"
        )
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(
        path=str(ARTIFACTS / f"lesson-playing-{'native' if native_hls else 'hlsjs'}.png")
    )

    # The parent watches on to 7 s and stops: coming back, they are asked, and continue there.
    phone.evaluate(
        "() => { const v = document.querySelector('video'); v.playbackRate = 2; v.play(); }"
    )
    phone.wait_for_function("() => document.querySelector('video').currentTime > 7")
    phone.evaluate("() => document.querySelector('video').pause()")
    assert _wait_for(
        lambda: LessonProgress.objects.get(user=parent, lesson=lesson).position > 6.9
    ), "the position was not recorded"
    phone.goto("about:blank")  # the beats sent on leaving carry the same position
    _wait_for_quiet(lambda: LessonProgress.objects.get(user=parent, lesson=lesson).beats)
    stopped = LessonProgress.objects.get(user=parent, lesson=lesson).position
    phone.goto(live_server.url + lesson.url)
    prompt = phone.locator("[data-player-resume]")
    prompt.wait_for(state="visible")
    assert f"上次看到 00:{int(stopped):02d}" in prompt.inner_text()
    assert not phone.locator("[data-player-start]").is_visible()
    for button in ("[data-player-continue]", "[data-player-restart]"):
        assert phone.locator(button).bounding_box()["height"] >= 44
    phone.screenshot(path=str(ARTIFACTS / "lesson-resume-prompt.png"))
    phone.click("[data-player-continue]")
    phone.wait_for_function(f"() => document.querySelector('video').currentTime > {stopped}")

    # Or start over from the beginning.
    phone.reload()
    phone.click("[data-player-restart]")
    phone.wait_for_function("() => document.querySelector('video').currentTime > 0.5")
    assert phone.evaluate("() => document.querySelector('video').currentTime") < 5
