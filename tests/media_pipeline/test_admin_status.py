"""After an upload the lecturer follows it: a page with the status and a live percentage
(polling the status API), the reason in Chinese if it failed, a preview once ready, and
every detail in Chinese."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.accounts.roles import Role
from lms.accounts.services import user_create
from media_pipeline.models import MediaAsset

pytestmark = [pytest.mark.django_db]
ADD = "wagtailsnippets_media_pipeline_mediaasset:add"
INSPECT = "wagtailsnippets_media_pipeline_mediaasset:inspect"


def _status_url(asset):
    return reverse("media_api:status", args=[asset.pk])


def _asset(owner, **fields):
    defaults = {"title": "家长讲座", "original": "media/originals/x.mp4", "uploaded_by": owner}
    return MediaAsset.objects.create(**{**defaults, **fields})


@pytest.mark.services("ffmpeg")
def test_after_uploading_the_lecturer_lands_on_a_page_with_status_and_preview(
    client, lecturer, make_clip, django_capture_on_commit_callbacks
):
    client.force_login(lecturer)
    data = make_clip("talk.mp3").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(ADD),
            {"title": "讲座录音", "original": SimpleUploadedFile("讲座.mp3", data, "audio/mpeg")},
        )
    asset = MediaAsset.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(INSPECT, args=[asset.pk])
    page = client.get(response["Location"]).content.decode()
    assert "就绪" in page and "100%" in page
    assert "<audio" in page and "预览" in page
    assert client.get(_status_url(asset)).json() == {
        "id": asset.pk,
        "status": "ready",
        "label": "就绪",
        "progress": 100,
        "final": True,
        "error": "",
    }


def test_while_processing_the_page_polls_the_status_api_from_a_static_script(client, lecturer):
    asset = _asset(lecturer, status=MediaAsset.Status.PROCESSING, progress=40)
    client.force_login(lecturer)
    page = client.get(reverse(INSPECT, args=[asset.pk])).content.decode()
    assert f'data-status-url="{_status_url(asset)}"' in page
    assert 'data-final="0"' in page and "处理中" in page and "40%" in page
    assert "js/media_status.js" in page
    status = client.get(_status_url(asset))
    assert status["Cache-Control"] == "no-store"
    assert status.json()["progress"] == 40 and status.json()["final"] is False
    MediaAsset.objects.filter(pk=asset.pk).update(progress=75)
    assert client.get(_status_url(asset)).json()["progress"] == 75


def test_a_failed_upload_shows_the_reason_in_chinese_and_offers_to_process_again(client, lecturer):
    asset = _asset(
        lecturer,
        status=MediaAsset.Status.FAILED,
        error_code="too_long",
        error_params={"limit": 60},
        error_detail="ffmpeg said something in English",
    )
    client.force_login(lecturer)
    page = client.get(reverse(INSPECT, args=[asset.pk])).content.decode()
    assert "失败原因" in page and "60" in page
    assert "ffmpeg said" not in page  # the tool's words stay with staff logs
    assert "重新处理" in page
    error = client.get(_status_url(asset)).json()["error"]
    assert error and "60" in error and not error.isascii()


def test_the_media_detail_page_is_in_chinese(client, lecturer):
    asset = _asset(
        lecturer,
        status=MediaAsset.Status.READY,
        kind=MediaAsset.Kind.VIDEO,
        width=1280,
        height=720,
        frame_rate=29.97,
        duration=192.4,
        original_name="讲座.mp4",
        original_size=5_000_000,
        video_codec="h264",
        audio_codec="aac",
    )
    client.force_login(lecturer)
    page = client.get(reverse(INSPECT, args=[asset.pk])).content.decode()
    details = page[page.index("<dl") :]
    for label in (
        "宽度",
        "高度",
        "帧率",
        "可变帧率",
        "上传时间",
        "处理完成时间",
        "文件大小",
        "时长",
    ):
        assert label in details, label
    for english in ("Width", "Height", "Frame rate", "Created at", "Processed at", "Rotation"):
        assert f">{english}<" not in details, english
    assert "03:12" in details and "29.97" in details and "4.8" in details


def test_the_status_api_answers_only_for_media_the_listing_shows(client, lecturer):
    asset = _asset(lecturer)
    other = user_create(username="lecturer2", password="pw-lecturer-2", roles=[Role.LECTURER])
    reviewer = user_create(username="reviewer1", password="pw-reviewer-1", roles=[Role.REVIEWER])
    parent = user_create(username="parent1", password="pw-parent-1", roles=[Role.PARENT])
    assert client.get(_status_url(asset)).status_code == 401
    for user, expected in ((other, 404), (parent, 404), (reviewer, 200), (lecturer, 200)):
        client.force_login(user)
        assert client.get(_status_url(asset)).status_code == expected, user
    assert client.get(reverse("media_api:status", args=[999999])).status_code == 404


def test_media_admin_templates_carry_no_inline_script():
    """A strict CSP allows only scripts from static files."""
    import re
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "templates" / "media_pipeline" / "admin"
    for template in folder.glob("*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            assert "src=" in tag, (template.name, tag)
