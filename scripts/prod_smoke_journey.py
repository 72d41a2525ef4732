"""The production smoke's journey over HTTP, run by scripts/prod_smoke.sh in phases.

    prod_smoke_journey.py PHASE      PHASE: journey | search-down | broker-down | reaped

Every request goes to gunicorn on loopback with `X-Forwarded-Proto: https`, as the reverse proxy
sends it. The environment is the one prod_smoke.sh exports (deploy.md §2) plus SMOKE_* values.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import boto3
import openpyxl
import requests

BASE = os.environ["SMOKE_BASE_URL"]  # http://127.0.0.1:PORT
ORIGIN = BASE.replace("http://", "https://", 1)  # what the browser sees behind the proxy
STATE = Path(os.environ["SMOKE_STATE_FILE"])
CLIP = Path(os.environ["SMOKE_CLIP"])
USERNAME, PASSWORD = os.environ["SMOKE_USERNAME"], os.environ["SMOKE_PASSWORD"]
LESSON_TITLE, SEARCH_WORD = os.environ["SMOKE_LESSON_TITLE"], os.environ["SMOKE_SEARCH_WORD"]
PROXY = {"X-Forwarded-Proto": "https"}
TUS = {"Tus-Resumable": "1.0.0"}


def step(text: str) -> None:
    print(f"  · {text}", flush=True)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"prod smoke FAILED: {message}")


class _BehindProxy(requests.Session):
    """The cookies are Secure and TLS ends at the proxy: send them to the plain loopback port
    (requests itself keeps Secure cookies for https:// addresses)."""

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", 30)  # a hung server fails the smoke instead of stalling CI
        return super().request(method, url, **kwargs)

    def prepare_request(self, request):
        prepared = super().prepare_request(request)
        if self.cookies:
            prepared.headers["Cookie"] = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        return prepared


def session() -> requests.Session:
    client = _BehindProxy()
    client.headers.update(PROXY)
    return client


def signed_in() -> requests.Session:
    client = session()
    page = client.get(f"{BASE}/accounts/login/", allow_redirects=False)
    check(page.status_code == 200, f"login page answered {page.status_code}")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    check(token is not None, "no CSRF token on the login page")
    answer = client.post(
        f"{BASE}/accounts/login/",
        data={"csrfmiddlewaretoken": token.group(1), "username": USERNAME, "password": PASSWORD},
        headers={"Referer": f"{ORIGIN}/accounts/login/", "Origin": ORIGIN},
        allow_redirects=False,
    )
    check(answer.status_code == 302, f"signing in answered {answer.status_code}")
    check("sessionid" in client.cookies, "signing in set no session cookie")
    client.headers.update({"X-CSRFToken": client.cookies["csrftoken"], "Referer": f"{ORIGIN}/"})
    client.headers["Origin"] = ORIGIN
    return client


def health(expect_status: str, **parts: str) -> dict:
    answer = session().get(f"{BASE}/healthz", timeout=15)
    check(answer.status_code == 200, f"/healthz answered {answer.status_code}")
    report = answer.json()
    check(report["status"] == expect_status, f"/healthz says {report}, expected {expect_status}")
    for name, value in parts.items():
        check(report[name] == value, f"/healthz {name} is {report[name]!r}, expected {value!r}")
    return report


def tus_upload(client: requests.Session, title: str) -> tuple[int, float]:
    """Upload the clip in two parts (the second resumes at the offset); the asset id and how
    long the finishing request took."""
    data = CLIP.read_bytes()
    meta = "filename c21va2UubXA0,title " + _b64(title)  # "smoke.mp4"
    created = client.post(
        f"{BASE}/api/v1/uploads/",
        headers={**TUS, "Upload-Length": str(len(data)), "Upload-Metadata": meta},
        allow_redirects=False,
    )
    check(created.status_code == 201, f"tus create answered {created.status_code} {created.text}")
    location = urljoin(f"{BASE}/", created.headers["Location"].replace(ORIGIN, BASE, 1))
    half = len(data) // 2
    first = client.patch(location, data=data[:half], headers=_part(0))
    check(first.status_code == 204, f"tus first part answered {first.status_code}")
    head = client.head(location, headers=TUS)
    check(head.headers.get("Upload-Offset") == str(half), "tus HEAD lost the offset")
    started = time.monotonic()
    last = client.patch(location, data=data[half:], headers=_part(half), timeout=30)
    seconds = time.monotonic() - started
    check(last.status_code == 204, f"tus last part answered {last.status_code} {last.text}")
    check("Upload-Asset-Id" in last.headers, "the finished upload named no asset")
    STATE.write_text(
        json.dumps({"upload": location, "asset": int(last.headers["Upload-Asset-Id"])})
    )
    return int(last.headers["Upload-Asset-Id"]), seconds


def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode()).decode()


def _part(offset: int) -> dict:
    return {
        **TUS,
        "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream",
    }


def wait_ready(client: requests.Session, location: str, seconds: float = 300) -> dict:
    deadline = time.monotonic() + seconds
    status = None
    while time.monotonic() < deadline:
        asset = client.get(location, headers=TUS).json()["asset"]
        status = asset["status"]
        if status in ("ready", "failed"):
            break
        time.sleep(2)
    check(status == "ready", f"the upload ended as {status!r}")
    return asset


def bucket_keys(prefix: str) -> list[str]:
    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    listing = s3.list_objects_v2(Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"], Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def lesson_page(client: requests.Session) -> tuple[str, str]:
    """The lesson's player: its master playlist URL (the store's) and its progress URL."""
    found = client.get(f"{BASE}/api/v1/search", params={"q": SEARCH_WORD}).json()
    urls = [hit["url"] for hit in found["results"] if hit["title"] == LESSON_TITLE]
    check(bool(urls), f"search for {SEARCH_WORD!r} did not find the lesson: {found}")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        page = client.get(urljoin(f"{BASE}/", urls[0]), allow_redirects=False)
        check(page.status_code == 200, f"the lesson page answered {page.status_code}")
        hls = re.search(r'data-hls="([^"]+)"', page.text)
        progress = re.search(r'data-progress-url="([^"]+)"', page.text)
        if hls and progress:
            _csp_allows_store(page.headers.get("Content-Security-Policy", ""))
            return unescape(hls.group(1)), progress.group(1)
        time.sleep(2)
    raise SystemExit("prod smoke FAILED: the lesson's video never became playable")


def _csp_allows_store(policy: str) -> None:
    """hls.js fetches playlists and segments itself: the page must let it reach the store."""
    store = os.environ["AWS_S3_ENDPOINT_URL"].rstrip("/")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    check(bool(directives), "the lesson page sends no Content-Security-Policy")
    for name in ("connect-src", "media-src"):
        check(
            store in directives.get(name, []), f"the CSP's {name} does not allow {store}: {policy}"
        )


def fetch_cors(url: str) -> requests.Response:
    """As hls.js does from the page: a cross-origin GET from the site's origin to the store."""
    answer = requests.get(url, headers={"Origin": ORIGIN}, timeout=15)
    check(answer.status_code == 200, f"{url} answered {answer.status_code}")
    allowed = answer.headers.get("Access-Control-Allow-Origin")
    check(allowed in (ORIGIN, "*"), f"{url}: Access-Control-Allow-Origin is {allowed!r}")
    return answer


def play(master_url: str) -> None:
    master = fetch_cors(master_url)
    check(master.text.startswith("#EXTM3U"), "the master playlist is no playlist")
    check("CODECS=" in master.text, "the master playlist names no codecs")
    variant = next(line for line in master.text.splitlines() if line and line[0] != "#")
    variant_url = urljoin(master_url, variant)
    playlist = fetch_cors(variant_url)
    segment = next(line for line in playlist.text.splitlines() if line and line[0] != "#")
    body = fetch_cors(urljoin(variant_url, segment)).content
    check(len(body) > 1000, f"the first segment has only {len(body)} bytes")
    step(f"played {variant} and its first segment ({len(body)} bytes) from the store with CORS")


def heartbeat(client: requests.Session, progress_url: str, end: float) -> dict:
    answer = client.post(
        urljoin(f"{BASE}/", progress_url),
        json={"intervals": [[0, end]], "position": end},
        timeout=15,
    )
    check(answer.status_code == 200, f"heartbeat answered {answer.status_code} {answer.text}")
    state = answer.json()
    check(state["watched_seconds"] > 0, f"the heartbeat earned nothing: {state}")
    return state


def search_finds(client: requests.Session) -> None:
    started = time.monotonic()
    found = client.get(f"{BASE}/api/v1/search", params={"q": SEARCH_WORD}, timeout=15)
    check(found.status_code == 200, f"search answered {found.status_code}")
    titles = [hit["title"] for hit in found.json()["results"]]
    check(LESSON_TITLE in titles, f"search did not find the lesson: {titles}")
    step(f"search found the lesson in {time.monotonic() - started:.1f}s")


def elasticsearch_has_lesson() -> None:
    url = f"{os.environ['ELASTICSEARCH_URL']}/{os.environ['SEARCH_INDEX']}/_search"
    hits = requests.get(url, params={"size": 100}, timeout=10).json()["hits"]["hits"]
    titles = [hit["_source"].get("title_text") for hit in hits]
    check(LESSON_TITLE in titles, f"Elasticsearch does not hold the lesson: {titles}")


def export_xlsx(client: requests.Session) -> None:
    answer = client.get(f"{BASE}/school/county/report.xlsx", allow_redirects=False)
    check(answer.status_code == 200, f"the XLSX export answered {answer.status_code}")
    check("spreadsheetml" in answer.headers["Content-Type"], "the export is not an XLSX file")
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    check(sheet.max_row >= 1, "the XLSX export is empty")
    step(f"county report exported as XLSX ({len(answer.content)} bytes, {sheet.max_row} rows)")


def journey() -> None:
    health("ok", database="ok", broker="ok", search="ok")
    plain = requests.get(f"{BASE}/", allow_redirects=False, timeout=15)
    check(plain.status_code == 301, "plain HTTP past the proxy was not sent to HTTPS")
    client = signed_in()
    step("signed in")
    asset_id, seconds = tus_upload(client, "生产冒烟测试")
    step(f"uploaded the clip through tus: asset {asset_id} (finishing took {seconds:.1f}s)")
    wait_ready(client, json.loads(STATE.read_text())["upload"])
    keys = bucket_keys(f"media/assets/{asset_id}/")
    check(any(k.endswith(".m3u8") for k in keys), f"no playlist in the bucket: {keys}")
    check(any(k.endswith((".ts", ".m4s", ".mp4")) for k in keys), f"no segments: {keys}")
    step(f"asset {asset_id} is ready with {len(keys)} objects in the bucket")
    master_url, progress_url = lesson_page(client)
    check(master_url.startswith(os.environ["AWS_S3_ENDPOINT_URL"]), f"not the store: {master_url}")
    play(master_url)
    state = heartbeat(client, progress_url, 1.5)
    step(f"heartbeat landed: {state['watched_seconds']}s watched")
    elasticsearch_has_lesson()
    search_finds(client)
    export_xlsx(client)
    report = health("ok", database="ok", broker="ok", search="ok")
    step(f"/healthz: {report}")


def search_down() -> None:
    report = health("degraded", database="ok", search="degraded")
    client = signed_in()
    search_finds(client)
    step(f"Elasticsearch away: search answered from the database; /healthz: {report}")


def broker_down() -> None:
    report = health("degraded", broker="down")
    client = signed_in()
    asset_id, seconds = tus_upload(client, "断网时上传")
    check(seconds < 5, f"finishing the upload with the broker away took {seconds:.1f}s")
    status = client.get(json.loads(STATE.read_text())["upload"], headers=TUS).json()["asset"]
    check(status["status"] in ("uploaded", "queued"), f"the waiting asset is {status}")
    waiting = status["status"]
    step(f"broker away: upload finished in {seconds:.1f}s, asset {asset_id} waits as {waiting}")
    _master, progress_url = lesson_page(client)
    state = heartbeat(client, progress_url, 3.0)
    step(f"broker away: heartbeat landed ({state['watched_seconds']}s watched); /healthz: {report}")


def reaped() -> None:
    client = signed_in()
    saved = json.loads(STATE.read_text())
    wait_ready(client, saved["upload"])
    check(bool(bucket_keys(f"media/assets/{saved['asset']}/")), "no outputs in the bucket")
    step(f"broker back: beat's reaper sent asset {saved['asset']}, now ready")
    health("ok", database="ok", broker="ok", search="ok")


if __name__ == "__main__":
    phases = {
        "journey": journey,
        "search-down": search_down,
        "broker-down": broker_down,
        "reaped": reaped,
    }
    if len(sys.argv) != 2 or sys.argv[1] not in phases:
        raise SystemExit(f"usage: {sys.argv[0]} {'|'.join(phases)}")
    phases[sys.argv[1]]()
