import pytest

from lms.ops.selectors import health_overall

pytestmark = pytest.mark.django_db


@pytest.fixture
def embedded(settings, tmp_path):
    """The embedded default, whatever the environment of this run points to."""
    queue = tmp_path / "broker" / "queue"
    queue.mkdir(parents=True)
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(queue)}
    settings.ELASTICSEARCH_URL = None
    return settings


def test_healthz_is_ok_on_the_embedded_stack(client, embedded):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert (body["database"], body["broker"], body["search"]) == ("ok", "ok", "ok")
    assert body["backends"]["broker"] == "filesystem"
    assert body["backends"]["search"] == "database"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_missing_broker_folder_as_down(client, embedded, tmp_path):
    embedded.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path / "gone")}
    body = client.get("/healthz").json()
    assert body["broker"] == "down"
    assert body["status"] == "degraded"


def test_healthz_accepts_only_get(client, embedded):
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"database": "ok", "broker": "ok", "search": "ok"}, "ok"),
        ({"database": "ok", "broker": "down", "search": "ok"}, "degraded"),
        ({"database": "ok", "broker": "ok", "search": "degraded"}, "degraded"),
        ({"database": "down", "broker": "ok", "search": "ok"}, "down"),
    ],
)
def test_overall_status(parts, expected):
    assert health_overall(parts) == expected


@pytest.mark.services("postgres")
def test_healthz_on_postgresql(client):
    body = client.get("/healthz").json()
    assert body["database"] == "ok"
    assert body["backends"]["database"] == "postgresql"


@pytest.mark.services("redis")
def test_healthz_broker_ok_on_redis(client):
    body = client.get("/healthz").json()
    assert (body["broker"], body["backends"]["broker"]) == ("ok", "redis")


@pytest.mark.services("redis")
def test_healthz_broker_down_when_redis_does_not_answer(client, settings, unused_tcp_port):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{unused_tcp_port}/0"
    body = client.get("/healthz").json()
    assert body["broker"] == "down"
    assert body["status"] == "degraded"


@pytest.mark.services("elasticsearch")
def test_healthz_search_ok_on_elasticsearch(client):
    body = client.get("/healthz").json()
    assert (body["search"], body["backends"]["search"]) == ("ok", "elasticsearch")


@pytest.mark.services("elasticsearch")
def test_healthz_search_degraded_when_elasticsearch_does_not_answer(
    client, settings, unused_tcp_port
):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{unused_tcp_port}"
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["search"], body["backends"]["search"]) == ("degraded", "elasticsearch")
    assert body["status"] == "degraded"
