"""A parent watches a short lesson to the end on a phone: the course completes, the
certificate appears under My learning, and its public verification page confirms it."""

import re

import pytest
from django.core.files import File

from lms.accounts.roles import Role
from lms.learning.models import Certificate
from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_create
from tests.courses.factories import UserFactory, course_add, lesson_add
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.e2e.test_lesson_progress import _wait_for
from tests.media_pipeline.clips import clip

pytestmark = [
    pytest.mark.services("chromium", "ffmpeg"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_watching_to_the_end_earns_a_verifiable_certificate(live_server, phone, tmp_path):
    phone.set_default_timeout(30000)
    with clip(tmp_path, "landscape.mp4").open("rb") as handle:  # 5 seconds
        asset = asset_create(
            file=File(handle, name="short.mp4"), title="短片", original_name="x.mp4"
        )
    asset.refresh_from_db()
    assert asset.status == MediaAsset.Status.READY
    course = course_add(title="表扬要具体", credit_hours="0.5")
    lesson = lesson_add(course, title="一分钟学会具体表扬", media=asset)
    parent = UserFactory(role=Role.PARENT, username="13812340000", display_name="王秀兰")
    sign_in(phone, live_server.url, parent.username)
    phone.goto(live_server.url + lesson.url)
    phone.click("[data-player-start]")
    phone.wait_for_function("() => document.querySelector('video').ended", timeout=30000)
    assert _wait_for(lambda: Certificate.objects.filter(enrolment__user=parent).exists(), 20)

    phone.goto(f"{live_server.url}/learning/")
    phone.click("text=证书")
    phone.wait_for_url("**/learning/certificates/*/")
    page_text = phone.inner_text("main")
    assert "王秀兰" in page_text and "表扬要具体" in page_text and "0.5" in page_text
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "certificate.png"), full_page=True)
    verify_url = re.search(r"https?://\S+/verify/\w+/", page_text).group(0)

    # Anyone scanning the QR code, signed in or not, sees it confirmed with a masked name.
    anonymous = phone.context.browser.new_context().new_page()
    anonymous.goto(verify_url.replace("http://testserver", live_server.url))
    confirmed = anonymous.inner_text("main")
    assert "表扬要具体" in confirmed and "王**" in confirmed and "王秀兰" not in confirmed
    anonymous.context.close()
