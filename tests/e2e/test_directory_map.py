"""The resource directory on a phone: filtered by the child's age, with map tiles and without."""

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.lms.directory.test_directory import venue_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def venues(db):
    venue_add("县科技馆", "tech", "城关镇", ("primary_middle", "junior"), 30.1, 110.2)
    venue_add("县图书馆", "library", "城关镇", ("kindergarten", "primary_lower"), 30.2, 110.3)
    venue_add("河口研学基地", "study", "河口乡", ("junior", "senior"))


def test_without_tiles_the_list_is_filtered_by_age(live_server, phone, venues, settings):
    settings.DIRECTORY_MAP_TILES = ""
    phone.goto(f"{live_server.url}/directory/")
    assert phone.locator("[data-map-show]").count() == 0
    phone.select_option("#dir-age", "8")
    phone.click("main form button[type=submit]")
    phone.wait_for_url("**age=8**")
    assert phone.locator(".venue-name").all_inner_texts() == ["县科技馆"]


def test_with_tiles_the_map_shows_the_located_venues(live_server, phone, venues, settings):
    # Any image will do as a tile; this one comes from another origin (127.0.0.1, not
    # localhost), as a tile server's would: the CSP must allow it for images.
    tiles_origin = live_server.url.replace("localhost", "127.0.0.1")
    assert tiles_origin != live_server.url
    settings.DIRECTORY_MAP_TILES = (
        f"{tiles_origin}/static/vendor/leaflet/images/layers.png?z={{z}}&x={{x}}&y={{y}}"
    )
    settings.DIRECTORY_MAP_ATTRIBUTION = "测试底图"
    phone.goto(f"{live_server.url}/directory/")
    phone.click("[data-map-show]")
    phone.wait_for_selector(".leaflet-marker-icon")
    assert phone.locator(".leaflet-marker-icon").count() == 2  # the third has no coordinates
    phone.wait_for_selector("img.leaflet-tile-loaded")
    assert phone.locator(".venue-name").count() == 3  # the list stays
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "directory-map.png"), full_page=True)
