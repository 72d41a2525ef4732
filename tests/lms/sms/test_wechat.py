"""The WeChat template-message backend, against a local fake of WeChat's two endpoints.

Not tested against WeChat itself (it cannot be reached from here): this checks the requests
we build, token reuse and renewal, and that refusals and outages become SmsError without the
secret or the token in the message."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.sms import SmsError, wechat_gateway, wechat_send
from lms.sms.backends.wechat import WechatTemplateBackend, wechat_templates

TEMPLATES = {
    "digest": {"id": "TPL-DIGEST", "fields": {"count": "number1", "title": "thing2"}},
    "urgent_notice": {"id": "TPL-URGENT", "fields": {"title": "thing1"}},
}


class FakeWechat:
    """Records requests; answers like the real API (`answers` queues template-send replies)."""

    def __init__(self):
        self.tokens_issued = 0
        self.requests: list[tuple[str, dict, dict | None]] = []
        self.answers: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, payload: dict):
                body = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                fake.requests.append((url.path, query, None))
                if url.path == "/cgi-bin/token" and query.get("secret") == "s3cret":
                    fake.tokens_issued += 1
                    self._reply({"access_token": f"TOKEN{fake.tokens_issued}", "expires_in": 7200})
                else:
                    self._reply({"errcode": 40125, "errmsg": "invalid appsecret"})

            def do_POST(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                fake.requests.append((url.path, query, body))
                if fake.answers:
                    self._reply(fake.answers.pop(0))
                elif query.get("access_token") == f"TOKEN{fake.tokens_issued}":
                    self._reply({"errcode": 0, "errmsg": "ok", "msgid": 1})
                else:
                    self._reply({"errcode": 40001, "errmsg": "invalid credential"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sent(self) -> list[tuple[dict, dict]]:
        return [(q, b) for path, q, b in self.requests if path == "/cgi-bin/message/template/send"]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    server = FakeWechat()
    yield server
    server.close()


@pytest.fixture
def configured(settings, fake):
    settings.WECHAT_BACKEND = "wechat"
    settings.WECHAT_APP_ID = "wx123"
    settings.WECHAT_APP_SECRET = "s3cret"
    settings.WECHAT_API_BASE = fake.base
    settings.WECHAT_TEMPLATES = json.dumps(TEMPLATES)
    return settings


def test_a_template_message_maps_our_params_to_the_template_fields(configured, fake):
    wechat_send(
        to="oOpenId123",
        template="digest",
        params={"count": "3", "title": "下周一家长会", "link": "https://school.example/n/"},
    )
    [(query, body)] = fake.sent()
    assert query == {"access_token": "TOKEN1"}
    assert body == {
        "touser": "oOpenId123",
        "template_id": "TPL-DIGEST",
        "data": {"number1": {"value": "3"}, "thing2": {"value": "下周一家长会"}},
        "url": "https://school.example/n/",
    }
    token_request = next(q for path, q, _ in fake.requests if path == "/cgi-bin/token")
    assert token_request == {
        "grant_type": "client_credential",
        "appid": "wx123",
        "secret": "s3cret",
    }


def test_the_access_token_is_fetched_once_and_renewed_when_wechat_says_it_expired(configured, fake):
    for _ in range(3):
        wechat_send(to="oA", template="urgent_notice", params={"title": "停课", "link": ""})
    assert fake.tokens_issued == 1 and len(fake.sent()) == 3
    assert "url" not in fake.sent()[0][1]  # no link, no url
    fake.answers.append({"errcode": 42001, "errmsg": "access_token expired"})
    wechat_send(to="oA", template="urgent_notice", params={"title": "停课"})
    assert fake.tokens_issued == 2
    assert fake.sent()[-1][0] == {"access_token": "TOKEN2"}


def test_a_refusal_is_an_sms_error_that_names_the_code_but_not_the_secret(configured, fake):
    fake.answers.append({"errcode": 43004, "errmsg": "require subscribe"})
    with pytest.raises(SmsError, match="43004") as refused:
        wechat_send(to="oA", template="digest", params={"count": "1", "title": "t"})
    assert "s3cret" not in str(refused.value) and "TOKEN" not in str(refused.value)


def test_a_wrong_secret_is_an_sms_error(configured, fake):
    configured.WECHAT_APP_SECRET = "wrong"
    with pytest.raises(SmsError, match="token refused"):
        wechat_gateway().send(to="oA", template="digest", params={})


def test_an_unknown_template_is_an_sms_error(configured, fake):
    with pytest.raises(SmsError, match="verify_code"):
        wechat_send(to="oA", template="verify_code", params={"code": "123456"})
    assert fake.requests == []


def test_an_unreachable_api_is_an_sms_error_without_the_url(configured, unused_tcp_port):
    configured.WECHAT_API_BASE = f"http://127.0.0.1:{unused_tcp_port}"
    with pytest.raises(SmsError, match="unreachable") as failed:
        wechat_send(to="oA", template="digest", params={"count": "1"})
    assert "s3cret" not in str(failed.value)


def test_missing_credentials_or_a_malformed_template_map_are_refused_at_start(settings):
    settings.WECHAT_APP_ID = ""
    with pytest.raises(ImproperlyConfigured, match="WECHAT_APP_ID"):
        WechatTemplateBackend()
    for raw in ("digest=abc", '{"digest": "abc"}', '{"digest": {"id": 1, "fields": {}}}'):
        with pytest.raises(ImproperlyConfigured, match="WECHAT_TEMPLATES"):
            wechat_templates(raw)
    assert wechat_templates("") == {}


def test_the_console_backend_prints_wechat_messages_for_make_run(settings, capsys):
    settings.WECHAT_BACKEND = "console"
    settings.DEBUG = True
    wechat_send(to="oOpenId123", template="digest", params={"count": "2", "title": "通知"})
    assert "[WeChat to oOpenId123] template digest: count=2 title=通知" in capsys.readouterr().out
