"""A lesson's transcript under the player, folded; captions that load from a CDN too."""

import re

import pytest
from django.core.files.base import ContentFile

from media_pipeline.models import MediaAsset
from tests.courses.factories import UserFactory, course_add, lesson_add

pytestmark = pytest.mark.django_db

VTT = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n先听孩子说完。\n\n"
    "00:00:03.000 --> 00:00:06.000\n再说自己的想法。\n"
)


def _ready_asset(captions: bytes | None = None) -> MediaAsset:
    asset = MediaAsset.objects.create(
        title="v",
        original="x.mp4",
        status=MediaAsset.Status.READY,
        kind="video",
        duration=60,
        hls_master="media/assets/1/r/hls/master.m3u8",
        audio_only="media/assets/1/r/audio/index.m3u8",
        poster="media/assets/1/r/poster.jpg",
    )
    if captions is not None:
        asset.captions.save("c.vtt", ContentFile(captions))
    return asset


def _transcript(html: str) -> str | None:
    found = re.search(r"<details class=\"card transcript\"[^>]*>(.*?)</details>", html, re.S)
    return found.group(1) if found else None


def test_the_captions_text_is_the_transcript_folded_under_the_player(client):
    lesson = lesson_add(course_add(), media=_ready_asset(VTT.encode()))
    html = client.get(lesson.url).content.decode()
    transcript = _transcript(html)
    assert transcript and "先听孩子说完。" in transcript and "再说自己的想法。" in transcript
    assert "-->" not in transcript and "<summary>文字稿</summary>" in transcript
    assert '<details class="card transcript" data-transcript>' in html  # folded: no `open`
    assert html.index("data-player") < html.index("data-transcript") < html.index("<p>正文</p>")


def test_the_lecturers_own_transcript_wins_over_the_captions(client):
    lesson = lesson_add(course_add(), media=_ready_asset(VTT.encode()))
    lesson.transcript = "讲师整理的文字稿。\n\n第二段。"
    lesson.save()
    transcript = _transcript(client.get(lesson.url).content.decode())
    assert "讲师整理的文字稿。" in transcript and "先听孩子说完" not in transcript


@pytest.mark.parametrize("captions", [None, b"", b"\x00\x01 not webvtt"])
def test_no_usable_captions_and_no_text_means_no_transcript_and_no_error(client, captions):
    lesson = lesson_add(course_add(), media=_ready_asset(captions))
    response = client.get(lesson.url)
    assert response.status_code == 200 and _transcript(response.content.decode()) is None


def test_captions_whose_file_was_deleted_do_not_break_the_lesson(client):
    asset = _ready_asset()
    MediaAsset.objects.filter(pk=asset.pk).update(captions="media/captions/gone.vtt")
    lesson = lesson_add(course_add(), media=asset)
    response = client.get(lesson.url)
    assert response.status_code == 200 and _transcript(response.content.decode()) is None


def test_the_captions_track_loads_cross_origin(client):
    lesson = lesson_add(course_add(), media=_ready_asset(VTT.encode()))
    html = client.get(lesson.url).content.decode()
    # A <track> is fetched in its media element's CORS mode.
    video = re.search(r"<video[^>]*>", html).group(0)
    assert 'crossorigin="anonymous"' in video
    assert re.search(r'<track kind="captions" src="[^"]+\.vtt"', html)


def test_the_player_carries_its_chinese_labels_and_no_inline_script(client):
    lesson = lesson_add(course_add(), media=_ready_asset())
    client.force_login(UserFactory())
    html = client.get(lesson.url).content.decode()
    for label in (
        "正在只听声音",
        "看画面",
        "上次看到 __TIME__",
        "继续播放",
        "从头开始",
        "只听声音",
    ):
        assert label in html
    player = html[html.index('<div class="player') : html.index('<nav class="pager">')]
    assert "<script" not in player and not re.search(r"\son[a-z]+=", player)


def test_a_reading_lesson_counts_down_in_chinese(client):
    lesson = lesson_add(course_add())
    client.force_login(UserFactory())
    html = client.get(lesson.url).content.decode()
    assert 'data-min-seconds="60"' in html
    assert "还需 __SECONDS__ 秒才能标记为已读" in html and "Please read" not in html
