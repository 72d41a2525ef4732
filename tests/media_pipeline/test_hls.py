"""Pure logic of the ladder: playlists read and written, segments grouped, the ladder check."""

import pytest

from media_pipeline.hls import (
    MediaPlaylist,
    PlaylistError,
    Segment,
    Variant,
    aac_codec_string,
    h264_codec_string,
    ladder_problems,
    master_format,
    master_parse,
    media_playlist_format,
    media_playlist_parse,
    segment_groups,
)
from media_pipeline.ladder import keyframes_on_grid, ladder_plan
from media_pipeline.probe import GopLayout, ProbeResult, gop_layout_parse


def _playlist(*durations):
    return MediaPlaylist(
        target_duration=max(round(d) for d in durations),
        segments=tuple(Segment(d, f"seg_{i:05d}.ts") for i, d in enumerate(durations)),
    )


def _variant(name, bandwidth, **extra):
    fields = {
        "uri": f"{name}/index.m3u8",
        "bandwidth": bandwidth,
        "codecs": "avc1.4d401e,mp4a.40.2",
        "resolution": (640, 360),
        "frame_rate": 25.0,
    }
    return Variant(**{**fields, **extra})


def test_the_first_piece_stands_alone_and_the_rest_are_paired():
    assert segment_groups([2.0] * 6) == [[0], [1, 2], [3, 4], [5]]
    assert segment_groups([1.5]) == [[0]]
    assert segment_groups([]) == []


def test_a_media_playlist_round_trips_with_a_target_duration_covering_every_segment():
    text = media_playlist_format(
        [Segment(2.0, "a.ts"), Segment(4.04, "b.ts"), Segment(1.2, "c.ts")]
    )
    playlist = media_playlist_parse(text)
    assert playlist.target_duration == 5  # 4.04 s rounds up, never down
    assert [s.uri for s in playlist.segments] == ["a.ts", "b.ts", "c.ts"]
    assert playlist.boundaries == [0.0, 2.0, 6.04]
    assert playlist.ended


def test_the_master_lists_the_lightest_variant_first_with_what_players_need():
    text = master_format(
        [_variant("720p", 2_000_000, resolution=(1280, 720)), _variant("240p", 400_000)]
    )
    variants = master_parse(text)
    assert [v.uri for v in variants] == ["240p/index.m3u8", "720p/index.m3u8"]
    assert variants[1].codecs == "avc1.4d401e,mp4a.40.2"
    assert variants[1].resolution == (1280, 720) and variants[1].frame_rate == 25.0
    assert "#EXT-X-INDEPENDENT-SEGMENTS" in text


def test_an_aligned_ladder_passes():
    variants = [_variant("240p", 400_000), _variant("360p", 700_000)]
    playlists = {v.uri: _playlist(2, 4, 4, 1.5) for v in variants}
    keyframes = {v.uri: [0, 2, 4, 6, 8, 10] for v in variants}
    assert ladder_problems(variants=variants, playlists=playlists, keyframes=keyframes) == []


def test_a_rung_that_cuts_elsewhere_is_refused():
    # The freeze at 3.9 s: 720p remuxed with the source's 10 s keyframes.
    variants = [_variant("240p", 400_000), _variant("720p", 2_000_000)]
    playlists = {"240p/index.m3u8": _playlist(4, 4, 4, 4, 4), "720p/index.m3u8": _playlist(10, 10)}
    problems = ladder_problems(variants=variants, playlists=playlists)
    assert any("720p/index.m3u8: cuts at 0.00, 10.00" in p for p in problems)
    assert any("target duration 10" in p for p in problems)


def test_cuts_a_frame_apart_still_count_as_the_same():
    variants = [_variant("240p", 400_000), _variant("360p", 700_000)]
    playlists = {
        "240p/index.m3u8": _playlist(2.0, 4.0, 4.0),
        "360p/index.m3u8": _playlist(2.04, 3.96, 4.0),
    }
    assert ladder_problems(variants=variants, playlists=playlists, frame_rate=25) == []


def test_a_variant_without_codecs_or_listed_out_of_order_is_refused():
    variants = [_variant("480p", 1_100_000), _variant("240p", 400_000, codecs="", frame_rate=None)]
    playlists = {v.uri: _playlist(2, 4) for v in variants}
    problems = ladder_problems(variants=variants, playlists=playlists)
    assert "the lightest variant is not listed first" in problems
    assert "240p/index.m3u8: no CODECS, FRAME-RATE in the master" in problems


def test_a_segment_that_does_not_open_with_a_keyframe_is_refused():
    variants = [_variant("240p", 400_000)]
    playlists = {"240p/index.m3u8": _playlist(2, 4, 4)}
    problems = ladder_problems(
        variants=variants, playlists=playlists, keyframes={"240p/index.m3u8": [0, 2, 5.3]}
    )
    assert problems == ["240p/index.m3u8: segments at 6.00 s open without a keyframe"]


def test_a_missing_playlist_is_a_problem_not_a_crash():
    problems = ladder_problems(variants=[_variant("240p", 1)], playlists={})
    assert problems == ["240p/index.m3u8: playlist missing"]


@pytest.mark.parametrize("text", ["", "hello", "#EXTM3U\n#EXTINF:abc,\nx.ts\n", "#EXTM3U\nx.ts\n"])
def test_garbage_is_not_a_playlist(text):
    with pytest.raises(PlaylistError):
        media_playlist_parse(text)


def test_codec_strings_from_avcc_and_annex_b_and_aac_profiles():
    assert h264_codec_string(bytes.fromhex("0142c01fffe10017")) == "avc1.42c01f"
    assert h264_codec_string(bytes.fromhex("000001674d4015eca0")) == "avc1.4d4015"
    assert h264_codec_string(b"") is None
    assert aac_codec_string("LC") == "mp4a.40.2" and aac_codec_string("HE-AAC") == "mp4a.40.5"


def test_keyframes_every_two_seconds_are_on_the_grid_and_every_ten_are_not():
    assert keyframes_on_grid(tuple(range(0, 20, 2)), duration=20, frame_rate=25)
    assert keyframes_on_grid(tuple(range(0, 20, 1)), duration=20, frame_rate=25)
    assert not keyframes_on_grid((0.0, 10.0), duration=20, frame_rate=25)
    # bigbuckbunny: a keyframe every 5.29 s.
    assert not keyframes_on_grid((0.0, 5.29, 10.58, 15.87), duration=20, frame_rate=25)
    # 29.97 fps: the 60th frame (2.002 s) is the first at or after 2 s.
    ntsc = tuple(round(n * 60 * 1001 / 30000, 6) for n in range(10))
    assert keyframes_on_grid(ntsc, duration=18, frame_rate=30000 / 1001)


def test_leading_pictures_mean_an_open_gop():
    closed = [
        {"pts_time": "0.00", "flags": "K__"},
        {"pts_time": "0.12", "flags": "___"},
        {"pts_time": "0.04", "flags": "___"},
        {"pts_time": "2.00", "flags": "K__"},
    ]
    layout = gop_layout_parse(closed)
    assert layout.closed and layout.keyframes == (0.0, 2.0)
    opened = [*closed, {"pts_time": "1.92", "flags": "___"}]
    assert not gop_layout_parse(opened).closed


def _fitting_probe(**extra):
    fields = {
        "kind": "video",
        "duration": 20,
        "format_name": "mp4",
        "video_codec": "h264",
        "pixel_format": "yuv420p",
        "width": 1280,
        "height": 720,
        "frame_rate": 25,
        "video_bitrate": 1_500_000,
        "video_profile": "High",
        "video_level": 31,
        "audio_codec": "aac",
    }
    return ProbeResult(**{**fields, **extra})


def test_a_rung_is_remuxed_only_when_the_source_keyframes_are_on_the_grid():
    on_grid = GopLayout(keyframes=tuple(range(0, 20, 2)), closed=True)
    assert [r.copy for r in ladder_plan(_fitting_probe(), gops=on_grid).rungs][-1]
    ten_seconds = GopLayout(keyframes=(0.0, 10.0), closed=True)
    assert not any(r.copy for r in ladder_plan(_fitting_probe(), gops=ten_seconds).rungs)
    assert not any(r.copy for r in ladder_plan(_fitting_probe()).rungs)  # keyframes unknown


def test_an_open_gop_a_high_level_or_an_odd_profile_is_encoded():
    on_grid = tuple(range(0, 20, 2))
    open_gop = GopLayout(keyframes=on_grid, closed=False)
    assert not any(r.copy for r in ladder_plan(_fitting_probe(), gops=open_gop).rungs)
    closed = GopLayout(keyframes=on_grid, closed=True)
    for probe in (_fitting_probe(video_level=51), _fitting_probe(video_profile="High 4:4:4")):
        assert not any(r.copy for r in ladder_plan(probe, gops=closed).rungs)
