"""The lecturer watches an upload being processed: the percentage moves without reloading,
and when it is done the page shows the preview (or, on failure, the reason in Chinese)."""

import pytest
from django.urls import reverse

from lms.accounts.roles import Role
from media_pipeline.models import MediaAsset
from tests.courses.factories import UserFactory
from tests.e2e.conftest import sign_in

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _inspect(asset):
    return reverse("wagtailsnippets_media_pipeline_mediaasset:inspect", args=[asset.pk])


@pytest.mark.parametrize("outcome", ["ready", "failed"])
def test_the_media_page_follows_processing_live(live_server, desktop, outcome):
    lecturer = UserFactory(role=Role.LECTURER, username="wang-jiangshi")
    asset = MediaAsset.objects.create(
        title="家长讲座",
        original="media/originals/talk.m4a",
        uploaded_by=lecturer,
        kind=MediaAsset.Kind.AUDIO,
        status=MediaAsset.Status.PROCESSING,
        progress=30,
    )
    sign_in(desktop, live_server.url, lecturer.username)
    desktop.goto(live_server.url + _inspect(asset))
    progress = desktop.locator("[data-status-progress]")
    assert progress.inner_text() == "30%"
    MediaAsset.objects.filter(pk=asset.pk).update(progress=70)
    desktop.wait_for_function(
        "() => document.querySelector('[data-status-progress]').textContent === '70%'",
        timeout=8000,
    )
    assert desktop.locator("[data-status-bar]").get_attribute("value") == "70"
    if outcome == "ready":
        MediaAsset.objects.filter(pk=asset.pk).update(
            status=MediaAsset.Status.READY, progress=100, audio_file="media/outputs/talk.m4a"
        )
        desktop.wait_for_selector("audio.media-status__preview", timeout=8000)
        assert "就绪" in desktop.locator("[data-status-label]").inner_text()
    else:
        MediaAsset.objects.filter(pk=asset.pk).update(
            status=MediaAsset.Status.FAILED, error_code="undecodable"
        )
        desktop.wait_for_selector(".media-status__error", timeout=8000)
        assert "失败原因" in desktop.locator(".media-status__error").inner_text()
        assert desktop.locator("button:has-text('重新处理')").count() == 1
