"""Captions given with a new recording are stored by the service, with the recording."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media_pipeline.models import MediaAsset
from media_pipeline.selectors import captions_text

pytestmark = [pytest.mark.django_db]
ADD = "wagtailsnippets_media_pipeline_mediaasset:add"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n孩子哭闹时先蹲下来\n".encode()


def _post(client, **extra):
    return client.post(
        reverse(ADD),
        {
            "title": "带字幕的录音",
            "original": SimpleUploadedFile(
                "a.mp3", b"ID3" + b"\0" * 100, content_type="audio/mpeg"
            ),
            **extra,
        },
    )


def test_captions_uploaded_with_the_recording_are_kept(client, lecturer):
    client.force_login(lecturer)
    response = _post(client, captions=SimpleUploadedFile("a.vtt", VTT, content_type="text/vtt"))
    assert response.status_code == 302
    asset = MediaAsset.objects.get()
    assert asset.captions.name.endswith(".vtt")
    assert captions_text(asset) == "孩子哭闹时先蹲下来"


def test_a_recording_without_captions_has_none(client, lecturer):
    client.force_login(lecturer)
    assert _post(client).status_code == 302
    assert not MediaAsset.objects.get().captions
