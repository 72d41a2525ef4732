"""Resumable uploads (tus): interrupted uploads continue, bad requests get clear errors."""

import base64
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from media_pipeline.models import MediaAsset, Upload
from media_pipeline.uploads import uploads_expire
from tests.courses.factories import UserFactory

pytestmark = pytest.mark.django_db
TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}


def _meta(**values):
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def _create(client, length, **meta):
    return client.post(
        "/api/v1/uploads/",
        HTTP_UPLOAD_LENGTH=str(length),
        HTTP_UPLOAD_METADATA=_meta(**meta),
        **TUS,
    )


def _patch(client, location, offset, data):
    return client.generic(
        "PATCH",
        location,
        data,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET=str(offset),
        **TUS,
    )


@pytest.fixture
def signed_in(client, lecturer):
    client.force_login(lecturer)
    return client


@pytest.mark.services("ffmpeg")
def test_an_interrupted_upload_resumes_and_becomes_a_ready_asset(
    signed_in, make_clip, lecturer, django_capture_on_commit_callbacks
):
    data = make_clip("talk.mp3").read_bytes()
    created = _create(signed_in, len(data), filename="讲座录音.mp3", title="家长讲座")
    assert created.status_code == 201
    location = created["Location"]
    first = _patch(signed_in, location, 0, data[:1000])
    assert (first.status_code, first["Upload-Offset"]) == (204, "1000")
    # The connection dropped; the client asks where to continue.
    head = signed_in.head(location, **TUS)
    assert (head.status_code, head["Upload-Offset"], head["Upload-Length"]) == (
        200,
        "1000",
        str(len(data)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        last = _patch(signed_in, location, 1000, data[1000:])
    assert last.status_code == 204
    asset = MediaAsset.objects.get(pk=last["Upload-Asset-Id"])
    assert (asset.title, asset.original_name, asset.uploaded_by) == (
        "家长讲座",
        "讲座录音.mp3",
        lecturer,
    )
    assert asset.original.read() == data
    assert asset.status == MediaAsset.Status.READY
    body = signed_in.get(location, **TUS).json()
    assert body["complete"] and body["asset"]["status"] == "ready"
    # The uploader is sent on to the media's page, which follows the processing.
    assert (
        body["asset"]["status_url"]
        == f"/admin/snippets/media_pipeline/mediaasset/inspect/{asset.pk}/"
    )


def test_wrong_offset_is_a_conflict_and_changes_nothing(signed_in):
    location = _create(signed_in, 10, filename="a.mp4")["Location"]
    _patch(signed_in, location, 0, b"12345")
    response = _patch(signed_in, location, 3, b"xx")
    assert response.status_code == 409 and "5" in response.json()["error"]
    assert Upload.objects.get().offset == 5


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"HTTP_UPLOAD_LENGTH": "0"}, 400),
        ({"HTTP_UPLOAD_LENGTH": "abc"}, 400),
        ({}, 400),
        ({"HTTP_UPLOAD_LENGTH": str(10**13)}, 413),
        ({"HTTP_UPLOAD_LENGTH": "5", "HTTP_UPLOAD_METADATA": "filename !!notbase64"}, 400),
    ],
)
def test_bad_creation_requests(signed_in, headers, status):
    response = signed_in.post("/api/v1/uploads/", **headers, **TUS)
    assert response.status_code == status
    assert response.json()["error"]
    assert not Upload.objects.exists()


def test_more_bytes_than_declared_and_wrong_content_type(signed_in):
    location = _create(signed_in, 4, filename="a.mp4")["Location"]
    assert _patch(signed_in, location, 0, b"123456").status_code == 413
    bad_type = signed_in.generic(
        "PATCH", location, b"12", content_type="application/json", HTTP_UPLOAD_OFFSET="0", **TUS
    )
    assert bad_type.status_code == 415


def test_protocol_version_is_required(signed_in):
    response = signed_in.post("/api/v1/uploads/", HTTP_UPLOAD_LENGTH="5")
    assert response.status_code == 412


def test_only_the_uploader_sees_an_upload_and_parents_cannot_upload(signed_in):
    location = _create(signed_in, 10, filename="a.mp4")["Location"]
    other = Client()
    other.force_login(UserFactory(role=Role.LECTURER))
    assert other.head(location, **TUS).status_code == 404
    assert _patch(other, location, 0, b"1").status_code == 404
    parent = Client()
    parent.force_login(UserFactory(role=Role.PARENT))
    assert _create(parent, 10, filename="a.mp4").status_code == 403
    assert _create(Client(), 10, filename="a.mp4").status_code == 401


def test_csrf_is_required_for_browser_sessions(lecturer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lecturer)
    assert _create(client, 10, filename="a.mp4").status_code == 403


def test_cancel_and_expiry_remove_parts(signed_in, settings):
    location = _create(signed_in, 10, filename="a.mp4")["Location"]
    assert signed_in.delete(location, **TUS).status_code == 204
    assert not Upload.objects.exists()
    _create(signed_in, 10, filename="b.mp4")
    Upload.objects.update(
        updated_at=timezone.now() - timedelta(hours=settings.MEDIA_UPLOAD_EXPIRE_HOURS + 1)
    )
    assert uploads_expire() == 1
    assert not Upload.objects.exists()
    assert not list(settings.MEDIA_UPLOAD_PARTS_DIR.glob("*.part"))


def test_the_admin_add_page_offers_the_resumable_uploader(signed_in):
    html = signed_in.get("/admin/snippets/media_pipeline/mediaasset/add/").content.decode()
    assert "data-resumable-upload" in html and "vendor/tus.min.js" in html
