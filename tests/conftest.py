import pytest

from tests.external_services import ServicePlugin


def pytest_configure(config):
    config.pluginmanager.register(ServicePlugin(), "lms-services")


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
