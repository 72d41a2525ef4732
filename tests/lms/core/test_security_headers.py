"""Every answer carries an enforced Content-Security-Policy and the other security headers."""

import pytest

from lms.core.middleware import media_origins

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_pages_get_an_enforced_policy_without_inline_scripts(client):
    response = client.get("/accounts/login/")
    assert "Content-Security-Policy-Report-Only" not in response
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert {"'self'", "blob:"} <= set(policy["media-src"])  # hls.js plays through MSE
    assert {"'self'", "blob:"} <= set(policy["worker-src"])  # and transmuxes in a worker


def test_api_answers_and_errors_get_it_too(client):
    assert "Content-Security-Policy" in client.get("/api/v1/search/?q=x")
    assert "Content-Security-Policy" in client.get("/no-such-page/")


def test_the_admin_allows_its_own_inline_scripts_and_nothing_else_does(admin_client):
    admin = _policy(admin_client.get("/admin/"))
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert not any(source.startswith("'nonce-") for source in admin["script-src"])
    assert _policy(admin_client.get("/"))["script-src"] == ["'self'"]


def test_media_from_a_cdn_or_object_store_is_allowed(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "lms-media",
                "endpoint_url": "https://oss.example.com:9000",
                "custom_domain": "cdn.example.com/media",
            },
        },
    }
    assert media_origins() == [
        "https://cdn.example.com",
        "https://lms-media.oss.example.com:9000",
        "https://oss.example.com:9000",
    ]
    policy = _policy(client.get("/"))
    for directive in ("img-src", "media-src", "connect-src"):
        assert "https://cdn.example.com" in policy[directive], directive
        assert "https://oss.example.com:9000" in policy[directive], directive


def test_an_absolute_media_url_is_allowed(client, settings):
    settings.MEDIA_URL = "https://media.example.org/m/"
    assert "https://media.example.org" in _policy(client.get("/"))["media-src"]


@pytest.mark.parametrize(
    ("tiles", "origin"),
    [
        ("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org"),
        ("https://t0.tianditu.gov.cn/vec_w/wmts?x={x}&y={y}&l={z}", "https://t0.tianditu.gov.cn"),
        ("https://t{s}.tianditu.gov.cn/vec_w/wmts?x={x}", "https://*.tianditu.gov.cn"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
    ],
)
def test_the_map_tiles_origin_is_allowed_for_images_only(client, settings, tiles, origin):
    settings.DIRECTORY_MAP_TILES = tiles
    policy = _policy(client.get("/directory/"))
    assert origin in policy["img-src"]
    assert origin not in policy["connect-src"] and origin not in policy["script-src"]


@pytest.mark.parametrize(
    "tiles",
    ["https://a.example; script-src *", "https://a.example 'unsafe-inline'/{z}", "/tiles/{z}.png"],
)
def test_a_tiles_setting_cannot_add_sources_or_directives(client, settings, tiles):
    settings.DIRECTORY_MAP_TILES = tiles
    policy = _policy(client.get("/directory/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]


def test_without_tiles_or_remote_media_no_other_origin_is_named(client):
    policy = _policy(client.get("/"))
    assert all("://" not in source for sources in policy.values() for source in sources)


def test_other_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


PRODUCTION_PROBE = """
import django
django.setup()
from django.test import Client
# An answer that needs no database or broker: the progress API refusing an anonymous caller.
response = Client().get(
    "/api/v1/lessons/1/progress", HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https"
)
print(response.get("Content-Security-Policy"))
print(response.get("Content-Security-Policy-Report-Only"))
"""


def test_production_settings_enforce_the_same_policy(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "p" * 60,
        "ALLOWED_HOSTS": "localhost",
        "LMS_VAR_DIR": str(tmp_path),
        "LOG_FORMAT": "text",
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    enforced, report_only = done.stdout.strip().splitlines()[-2:]
    assert "script-src 'self'" in enforced and "object-src 'none'" in enforced, done.stderr
    assert report_only == "None"
