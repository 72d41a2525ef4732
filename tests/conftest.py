import pytest

from tests.external_services import ServicePlugin


def pytest_configure(config):
    config.pluginmanager.register(ServicePlugin(), "lms-services")


def pytest_collection_modifyitems(config, items):
    """A transactional test must restore the serialized database when it ends.

    Without serialized_rollback its flush sends post_migrate, which re-creates content types
    and permissions under new ids; restoring the data of the next serialized test then fails
    on their unique names, far from the test that caused it."""
    unserialized = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if not marker.kwargs.get("serialized_rollback"):
            unserialized.append(item.nodeid)
    if unserialized:
        raise pytest.UsageError(
            "use pytest.mark.django_db(transaction=True, serialized_rollback=True): "
            + ", ".join(unserialized)
        )


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes media to its own folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_WORK_DIR = tmp_path / "media-work"
    settings.MEDIA_UPLOAD_PARTS_DIR = tmp_path / "upload-parts"


@pytest.fixture(autouse=True)
def sms_outbox():
    """The test SMS backend's outbox (lms.sms.backends.locmem), empty for every test."""
    from lms.sms.backends import locmem

    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()


from tests.fixtures.celery_worker import celery_worker_process  # noqa: E402, F401


@pytest.fixture
def unused_tcp_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
