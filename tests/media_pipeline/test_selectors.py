"""Reads for the player: the transcript made from captions, the lowest video rung."""

import pytest
from django.core.files.base import ContentFile

from media_pipeline.models import MediaAsset, Rendition
from media_pipeline.selectors import asset_playback, captions_text

pytestmark = pytest.mark.django_db

VTT = """WEBVTT
Kind: captions

NOTE 这段注释不是字幕

STYLE
::cue { color: yellow }

1
00:00:00.000 --> 00:00:02.500 line:90%
<v 讲师>孩子发脾气时，<b>先</b>别急着讲道理。

00:00:02.500 --> 00:00:05.000
先别急着讲道理。
蹲下来，听他说完&nbsp;再说。

01:02:03.000 --> 01:02:04.000
Tom &amp; Jerry
"""


def _asset(**fields):
    return MediaAsset.objects.create(
        title="v", original="x.mp4", status=MediaAsset.Status.READY, kind="video", **fields
    )


def test_captions_become_plain_text_without_timings_notes_tags_or_repeats():
    asset = _asset()
    asset.captions.save("c.vtt", ContentFile(VTT.encode("utf-8-sig")))
    assert captions_text(asset).splitlines() == [
        "孩子发脾气时，先别急着讲道理。",
        "先别急着讲道理。",
        "蹲下来，听他说完 再说。",
        "Tom & Jerry",
    ]


@pytest.mark.parametrize(
    "content", [b"", b"\xff\xfe\x00garbage", b"WEBVTT\n\nno cues here\n", b"<html>404</html>"]
)
def test_captions_that_are_empty_or_not_webvtt_give_no_transcript(content):
    asset = _asset()
    asset.captions.save("c.vtt", ContentFile(content))
    assert captions_text(asset) == ""


def test_captions_whose_file_is_gone_give_no_transcript_and_no_error():
    asset = _asset(captions="media/captions/2026/01/gone.vtt")
    assert captions_text(asset) == ""
    assert captions_text(None) == "" and captions_text(_asset()) == ""


def test_playback_knows_the_lowest_video_rung_for_the_slow_network_offer():
    asset = _asset(hls_master="m/master.m3u8")
    for name, kind, bitrate in (
        ("360p", "video", 664_000),
        ("240p", "video", 364_000),
        ("audio", "audio", 48_000),
    ):
        Rendition.objects.create(asset=asset, name=name, kind=kind, bitrate=bitrate, path=name)
    assert asset_playback(asset).lowest_video_bitrate == 364_000
    assert asset_playback(_asset(hls_master="m/other.m3u8")).lowest_video_bitrate is None
