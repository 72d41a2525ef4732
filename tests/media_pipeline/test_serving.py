"""Originals get neutral names and are never served inline from the site's own origin."""

import base64
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_create
from media_pipeline.serving import served_type

pytestmark = pytest.mark.django_db
TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}
PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'


def _tus_upload(client, filename: str, data: bytes) -> MediaAsset:
    meta = "filename " + base64.b64encode(filename.encode()).decode()
    created = client.post(
        "/api/v1/uploads/", HTTP_UPLOAD_LENGTH=str(len(data)), HTTP_UPLOAD_METADATA=meta, **TUS
    )
    done = client.generic(
        "PATCH",
        created["Location"],
        data,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="0",
        **TUS,
    )
    return MediaAsset.objects.get(pk=done["Upload-Asset-Id"])


def _assert_download(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("filename", "data"), [("讲座.html", PAGE), ("poster.svg", SVG)])
def test_an_upload_is_stored_under_a_neutral_name_and_served_only_as_a_download(
    client, lecturer, filename, data
):
    client.force_login(lecturer)
    asset = _tus_upload(client, filename, data)
    stored = asset.original.name
    assert asset.original_name == filename  # kept for display
    assert re.fullmatch(r"media/originals/\d{4}/\d{2}/[0-9a-f]{32}", stored), stored
    response = client.get(asset.original.url)
    _assert_download(response)
    assert b"".join(response.streaming_content) == data


@pytest.mark.parametrize(
    "name",
    [
        "media/originals/2025/01/0123abcd.html",  # stored before names were neutral
        "media/originals/2025/01/0123abcd.mp4",
        "documents/leaflet.html",
        "documents/map.svg",
        "media/captions/2025/01/notes.xhtml",
    ],
)
def test_any_stored_file_a_browser_could_run_is_a_download(client, name):
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PAGE)
    _assert_download(client.get(settings.MEDIA_URL + name))


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("media/outputs/7/hls/master.m3u8", "application/vnd.apple.mpegurl"),
        ("media/outputs/7/hls/360p/seg_00001.ts", "video/mp2t"),
        ("media/outputs/7/fallback.mp4", "video/mp4"),
        ("media/outputs/7/audio.m4a", "audio/mp4"),
        ("media/outputs/7/poster.jpg", "image/jpeg"),
        ("media/captions/2025/01/talk.vtt", "text/vtt; charset=utf-8"),
    ],
)
def test_what_the_player_plays_is_inline_with_a_fixed_type(client, name, content_type):
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PAGE)  # whatever is inside, the type is not sniffed
    response = client.get(settings.MEDIA_URL + name)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_original_is_never_inline_whatever_its_old_extension():
    assert served_type("media/originals/2025/01/a.mp4") is None
    assert served_type("media/outputs/1/fallback.mp4") == "video/mp4"


class TypeRecordingStorage(FileSystemStorage):
    """Records the type each saved file would get on object storage (django-storages reads
    `content.content_type` first, then guesses from the name)."""

    types: dict[str, str | None] = {}

    def _save(self, name, content):
        TypeRecordingStorage.types[name] = getattr(content, "content_type", None)
        return super()._save(name, content)


def test_object_storage_is_told_the_original_is_an_octet_stream(settings, lecturer):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.TypeRecordingStorage"},
    }
    browser_said = SimpleUploadedFile("evil.html", PAGE, content_type="text/html")
    asset = asset_create(
        file=browser_said, title="t", original_name="evil.html", uploaded_by=lecturer
    )
    assert TypeRecordingStorage.types[asset.original.name] == "application/octet-stream"
    assert not asset.original.name.endswith(".html")
