import pytest


@pytest.fixture(autouse=True)
def wechat_outbox():
    """The test WeChat backend's outbox (lms.sms.backends.locmem), empty for every test."""
    from lms.sms.backends import locmem

    locmem.wechat_outbox.clear()
    yield locmem.wechat_outbox
    locmem.wechat_outbox.clear()
