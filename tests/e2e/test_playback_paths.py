"""Both playback paths on a phone, native HLS (this Chromium plays it itself, like iPhones and
more Android browsers every year) and hls.js, plus sound only: playback keeps going across
segment boundaries and quality switches, past 12 s, never stalling for more than a second.

Played at 2× to keep the tests short: the player, the network and the ladder all work twice
as hard, so a stall at 2× is never hidden by it.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.ladder import ladder_lesson

pytestmark = [
    pytest.mark.services("chromium", "ffmpeg"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAST = 12.5  # seconds of media to play through
MAX_STALL_MS = 1000
FORCE_HLSJS = (
    "const o = HTMLMediaElement.prototype.canPlayType;"
    "HTMLMediaElement.prototype.canPlayType = function (t) {"
    "  return /mpegurl/i.test(t) ? '' : o.call(this, t); };"
)
# Every 100 ms: wall time, media time, paused, picture height.
SAMPLER = """() => {
  const v = document.querySelector('video');
  window.__samples = [];
  setInterval(() => window.__samples.push(
    [performance.now(), v.currentTime, v.paused, v.videoHeight]), 100);
}"""
PATHS = pytest.mark.parametrize("native_hls", [True, False], ids=["native-hls", "hls.js"])


@pytest.fixture(scope="session")
def ladder_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("ladder")


@pytest.fixture
def lesson(ladder_cache):
    return ladder_lesson(ladder_cache)


def _start(phone, base, lesson, *, native_hls: bool, rate: float = 2):
    phone.set_default_timeout(30000)
    phone.set_viewport_size({"width": 390, "height": 844})
    if not native_hls:
        phone.context.add_init_script(FORCE_HLSJS)
    phone.goto(base + lesson.url)
    phone.evaluate(SAMPLER)
    phone.click("[data-player-start]")
    _wait_media(phone, 0.2)
    phone.evaluate(f"() => document.querySelector('video').playbackRate = {rate}")
    uses_hlsjs = phone.evaluate("() => !!document.querySelector('[data-player]').player.hls")
    assert uses_hlsjs is (not native_hls)


def _throttle(phone, *, down_kbps: int, up_kbps: int, latency_ms: int) -> None:
    """Emulate a slower network for this page from now on (Chromium's DevTools protocol)."""
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency_ms,
            "downloadThroughput": down_kbps * 1000 / 8,
            "uploadThroughput": up_kbps * 1000 / 8,
        },
    )


def _wait_media(phone, seconds: float, timeout: float = 30000):
    phone.wait_for_function(
        f"() => document.querySelector('video').currentTime > {seconds}", timeout=timeout
    )


def _longest_stall_ms(samples) -> float:
    """The longest wall time during which the furthest media time reached did not grow
    (a source switch that rewinds to 0 and seeks back counts as stalled, as it looks)."""
    best, since, longest = None, None, 0.0
    for wall, media, paused, _height in samples:
        if best is None and media < 0.3:
            continue  # the start is the first-frame benchmark's business, not a stall
        if best is None or media > best + 0.01:
            if since is not None:
                longest = max(longest, wall - since)
            best, since = media, wall
        elif paused:
            since = wall  # paused on purpose is not a stall
    return longest


def _boundaries_before(phone, seconds: float) -> int:
    """Segment boundaries before `seconds` in the first variant (all rungs cut alike)."""
    master = phone.locator("[data-player]").get_attribute("data-hls")
    text = phone.evaluate(f"() => fetch('{master}').then(r => r.text())")
    first = next(line for line in text.splitlines() if line and not line.startswith("#"))
    variant = phone.evaluate(
        f"() => fetch('{master.rsplit('/', 1)[0]}/{first}').then(r => r.text())"
    )
    ends, total = [], 0.0
    for line in variant.splitlines():
        if line.startswith("#EXTINF:"):
            total += float(line[8:].split(",")[0])
            ends.append(total)
    return sum(1 for end in ends if end < seconds)


def _played_past_without_stalling(phone):
    _wait_media(phone, PAST)
    samples = phone.evaluate("() => window.__samples")
    stall = _longest_stall_ms(samples)
    assert stall < MAX_STALL_MS, f"playback stalled for {stall:.0f} ms"
    return samples


def test_hlsjs_plays_across_segments_and_a_switch_of_rung_without_stalling(
    live_server, phone, lesson
):
    _start(phone, live_server.url, lesson, native_hls=False)
    phone.evaluate(
        """() => { const hls = document.querySelector('[data-player]').player.hls;
        window.__switched = [];
        hls.on('hlsLevelSwitched', (_e, data) => window.__switched.push(data.level)); }"""
    )
    top = phone.evaluate(
        "() => document.querySelector('[data-player]').player.hls.levels.length - 1"
    )
    assert top >= 2  # three rungs or more
    _wait_media(phone, 3)
    phone.evaluate(f"() => document.querySelector('[data-player]').player.hls.currentLevel = {top}")
    _wait_media(phone, 8)
    phone.evaluate("() => document.querySelector('[data-player]').player.hls.currentLevel = 0")
    samples = _played_past_without_stalling(phone)
    switched = phone.evaluate("() => window.__switched")
    assert top in switched and switched[-1] == 0, switched
    heights = {height for *_rest, height in samples if height}
    assert len(heights) >= 2, heights  # the picture really changed rung
    assert _boundaries_before(phone, PAST) >= 3


def test_native_hls_plays_across_segments_and_a_throttled_network_without_stalling(
    live_server, phone, lesson
):
    _start(phone, live_server.url, lesson, native_hls=True)
    _wait_media(phone, 3)
    # Mid-play the network drops to what 2× playback of the lower rungs needs, no more.
    _throttle(phone, down_kbps=1500, up_kbps=500, latency_ms=100)
    _played_past_without_stalling(phone)
    assert _boundaries_before(phone, PAST) >= 3


@PATHS
def test_sound_only_keeps_playing_and_shows_the_poster_not_a_frozen_picture(
    live_server, phone, lesson, native_hls
):
    _start(phone, live_server.url, lesson, native_hls=native_hls)
    _wait_media(phone, 4)
    phone.click("[data-player-audio]")
    cover = phone.locator("[data-player-cover]")
    cover.wait_for(state="visible")
    assert "正在只听声音" in cover.inner_text() and cover.locator("img").count() == 1
    assert phone.inner_text("[data-player-audio]") == "看画面"
    for target in ("[data-player-audio]", "[data-player-rate]"):
        assert phone.locator(target).bounding_box()["height"] >= 44  # a thumb, not a stylus
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"sound-only-{'native' if native_hls else 'hlsjs'}.png"))
    _played_past_without_stalling(phone)
    source = phone.evaluate("() => document.querySelector('video').currentSrc")
    if native_hls:
        assert "/audio/" in source
    # One tap back to the picture, at the same moment.
    at = phone.evaluate("() => document.querySelector('video').currentTime")
    phone.click("[data-player-audio]")
    cover.wait_for(state="hidden")
    assert phone.inner_text("[data-player-audio]") == "只听声音（省流量）"
    _wait_media(phone, at + 1)
    assert phone.evaluate("() => document.querySelector('video').videoHeight") > 0


def test_a_network_below_the_lowest_rung_offers_sound_only_with_one_tap(live_server, phone, lesson):
    phone.set_default_timeout(40000)
    phone.context.add_init_script(FORCE_HLSJS)
    phone.goto(live_server.url + lesson.url)
    _throttle(phone, down_kbps=250, up_kbps=250, latency_ms=300)
    phone.click("[data-player-start]")
    offer = phone.locator("[data-player-offer]")
    offer.wait_for(state="visible")
    assert "只听声音" in offer.inner_text()
    offer.locator("button").click()
    phone.locator("[data-player-cover]").wait_for(state="visible")
    assert offer.is_hidden() and phone.inner_text("[data-player-audio]") == "看画面"
    at = phone.evaluate("() => document.querySelector('video').currentTime")
    _wait_media(phone, at + 2)  # the sound goes on at 250 kbps


def test_native_hls_on_a_network_below_the_lowest_rung_offers_sound_only_too(
    live_server, phone, lesson
):
    phone.set_default_timeout(60000)
    phone.goto(live_server.url + lesson.url)
    _throttle(phone, down_kbps=250, up_kbps=250, latency_ms=300)
    phone.click("[data-player-start]")
    assert phone.evaluate("() => !document.querySelector('[data-player]').player.hls")
    offer = phone.locator("[data-player-offer]")
    offer.wait_for(state="visible")
    offer.locator("button").click()
    phone.locator("[data-player-cover]").wait_for(state="visible")
    assert "/audio/" in phone.evaluate("() => document.querySelector('video').currentSrc")
