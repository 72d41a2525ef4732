import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.accounts.roles import Role
from lms.accounts.services import user_create
from media_pipeline.models import MediaAsset

pytestmark = [pytest.mark.django_db]
ADD = "wagtailsnippets_media_pipeline_mediaasset:add"
EDIT = "wagtailsnippets_media_pipeline_mediaasset:edit"
INDEX = "wagtailsnippets_media_pipeline_mediaasset:list"
CHOOSE = "wagtailsnippetchoosers_media_pipeline_mediaasset:choose"


@pytest.fixture
def other_lecturer(db):
    return user_create(username="lecturer2", password="pw-lecturer-2", roles=[Role.LECTURER])


@pytest.fixture
def reviewer(db):
    return user_create(username="reviewer1", password="pw-reviewer-1", roles=[Role.REVIEWER])


@pytest.mark.services("ffmpeg")
def test_lecturer_uploads_in_the_admin_and_it_is_processed(
    client, lecturer, make_clip, django_capture_on_commit_callbacks
):
    client.force_login(lecturer)
    data = make_clip("talk.mp3").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(ADD),
            {
                "title": "家长讲座录音",
                "original": SimpleUploadedFile("讲座.mp3", data, content_type="audio/mpeg"),
            },
        )
    assert response.status_code == 302
    asset = MediaAsset.objects.get()
    assert (asset.title, asset.original_name, asset.uploaded_by) == (
        "家长讲座录音",
        "讲座.mp3",
        lecturer,
    )
    assert asset.status == MediaAsset.Status.READY
    listing = client.get(reverse(INDEX)).content.decode()
    assert "家长讲座录音" in listing and "就绪" in listing


def test_an_empty_file_gets_a_form_error_and_nothing_is_stored(client, lecturer):
    client.force_login(lecturer)
    response = client.post(
        reverse(ADD),
        {
            "title": "空文件",
            "original": SimpleUploadedFile("x.mp4", b"", content_type="video/mp4"),
        },
    )
    assert response.status_code == 200
    assert not MediaAsset.objects.exists()


def test_captions_must_be_webvtt(client, lecturer):
    client.force_login(lecturer)
    response = client.post(
        reverse(ADD),
        {
            "title": "字幕",
            "original": SimpleUploadedFile(
                "a.mp3", b"ID3" + b"\0" * 100, content_type="audio/mpeg"
            ),
            "captions": SimpleUploadedFile(
                "a.vtt", b"1\n00:00 --> 00:01\nhi", content_type="text/vtt"
            ),
        },
    )
    assert response.status_code == 200
    assert "WEBVTT" in response.content.decode()
    assert not MediaAsset.objects.exists()


def _asset(owner, title):
    return MediaAsset.objects.create(
        title=title, original="media/originals/x.mp4", uploaded_by=owner
    )


def test_lecturers_see_and_choose_only_their_own_media(client, lecturer, other_lecturer):
    mine, theirs = _asset(lecturer, "我的录音"), _asset(other_lecturer, "别人的录音")
    client.force_login(lecturer)
    listing = client.get(reverse(INDEX)).content.decode()
    assert "我的录音" in listing and "别人的录音" not in listing
    assert client.get(reverse(EDIT, args=[mine.pk])).status_code == 200
    assert client.get(reverse(EDIT, args=[theirs.pk])).status_code == 404
    chooser = client.get(reverse(CHOOSE)).json()["html"]
    assert "我的录音" in chooser and "别人的录音" not in chooser


def test_reviewers_see_everyones_media(client, lecturer, reviewer):
    asset = _asset(lecturer, "讲师的录音")
    client.force_login(reviewer)
    assert "讲师的录音" in client.get(reverse(INDEX)).content.decode()
    assert client.get(reverse(EDIT, args=[asset.pk])).status_code == 200


def test_parents_cannot_reach_the_media_admin(client):
    parent = user_create(username="parent1", password="pw-parent-1", roles=[Role.PARENT])
    client.force_login(parent)
    assert client.get(reverse(INDEX)).status_code == 302


@pytest.mark.services("ffmpeg")
def test_a_failed_upload_can_be_processed_again_from_the_listing(
    client, lecturer, upload, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_MAX_DURATION_SECONDS = 1
    asset = upload("talk.mp3")
    assert asset.status == MediaAsset.Status.FAILED
    client.force_login(lecturer)
    listing = client.get(reverse(INDEX)).content.decode()
    assert "重新处理" in listing and "分段" in listing  # the button and the reason
    settings.MEDIA_MAX_DURATION_SECONDS = 3600
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_media_pipeline_mediaasset:retry", args=[asset.pk])
        )
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.status == MediaAsset.Status.READY


def test_retry_of_someone_elses_media_is_404(client, lecturer, other_lecturer):
    theirs = _asset(other_lecturer, "别人的")
    client.force_login(lecturer)
    response = client.post(
        reverse("wagtailsnippets_media_pipeline_mediaasset:retry", args=[theirs.pk])
    )
    assert response.status_code == 404


def test_the_chooser_shows_processing_status(client, lecturer):
    MediaAsset.objects.create(
        title="处理中的录像",
        original="x.mp4",
        uploaded_by=lecturer,
        status=MediaAsset.Status.PROCESSING,
        progress=40,
    )
    client.force_login(lecturer)
    chooser = client.get(reverse(CHOOSE)).json()["html"]
    assert "处理中 40%" in chooser


@pytest.mark.parametrize("view", ["inspect", "usage", "history", "history_results", "copy"])
def test_another_lecturers_media_is_a_404_through_every_side_view(
    client, lecturer, other_lecturer, view
):
    theirs = _asset(other_lecturer, "别人的录音")
    mine = _asset(lecturer, "我的录音")
    client.force_login(lecturer)
    name = f"wagtailsnippets_media_pipeline_mediaasset:{view}"
    response = client.get(reverse(name, args=[theirs.pk]))
    assert response.status_code == 404
    assert "别人的录音" not in response.content.decode()
    assert client.get(reverse(name, args=[mine.pk])).status_code == 200


def test_a_lecturer_searches_and_filters_their_media_and_the_chooser(client, lecturer, reviewer):
    mine = _asset(lecturer, "亲子沟通讲座录音")
    theirs = _asset(reviewer, "审核员的录音")
    for user in (lecturer, reviewer):
        client.force_login(user)
        for url in (reverse(INDEX), reverse(CHOOSE), reverse(f"{CHOOSE}_results")):
            response = client.get(url, {"q": "录音", "status": "uploaded"})
            assert response.status_code == 200, (user, url)
            if user == lecturer:
                assert "审核员的录音" not in response.content.decode()
    client.force_login(lecturer)
    chosen = reverse("wagtailsnippetchoosers_media_pipeline_mediaasset:chosen", args=[mine.pk])
    assert client.get(chosen).status_code == 200
    other = reverse("wagtailsnippetchoosers_media_pipeline_mediaasset:chosen", args=[theirs.pk])
    assert client.get(other).status_code == 404
