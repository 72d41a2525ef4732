"""Heartbeat benchmark: POST /api/v1/lessons/<id>/progress under gunicorn (2 workers) on
PostgreSQL, side by side with a bare JSON view served by the same server in the same run.

Needs the services (`make services`, then the printed DATABASE_URL). Creates its own lesson and
users in that database, starts gunicorn on 127.0.0.1, and loads it from this process:
  1. throughput: N closed-loop clients for D seconds against each endpoint;
  2. latency at a fixed rate (default 300 beats/s), p50 and p99;
  3. resident memory of each gunicorn worker.

    python benchmarks/heartbeat_bench.py [--seconds 10] [--clients 8] [--rate 300]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import ROOT, django_setup  # noqa: E402

django_setup(postgres_required=True)

from django.core.management import call_command  # noqa: E402

PORT = 8765
USERS = 300


def setup() -> tuple[int, list[str]]:
    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from lms.accounts.roles import Role
    from lms.accounts.services import user_create
    from lms.learning.models import ApiToken, LessonProgress
    from lms.learning.services import api_token_create
    from media_pipeline.models import MediaAsset

    call_command("migrate", verbosity=0)
    lesson = LessonPage.objects.filter(import_key="bench-lesson").first()
    if lesson is None:
        course = CoursePage(title="基准测试课程", summary="benchmark", import_key="bench-course")
        CourseIndexPage.objects.get().add_child(instance=course)
        media = MediaAsset.objects.create(
            title="bench",
            original="bench.mp4",
            status="ready",
            kind="video",
            duration=3600,
            hls_master="bench/master.m3u8",
        )
        lesson = LessonPage(
            title="基准测试", media=media, import_key="bench-lesson", body="<p>x</p>"
        )
        course.add_child(instance=lesson)
    LessonProgress.objects.filter(lesson=lesson).delete()
    tokens = []
    from django.contrib.auth import get_user_model

    for n in range(USERS):
        username = f"bench-{n}"
        user = get_user_model().objects.filter(username=username).first() or user_create(
            username=username, password="bench-password-1", roles=[Role.PARENT]
        )
        ApiToken.objects.filter(user=user).delete()
        tokens.append(api_token_create(user=user))
    return lesson.pk, tokens


def start_server(threads: int, workers: int = 2) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECURE_SSL_REDIRECT": "0",
        "SECRET_KEY": "b" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LMS_BENCHMARK_ENDPOINTS": "1",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lms.wsgi",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/bench/bare")
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("gunicorn did not start")


class Client:
    def __init__(self, lesson_id: int, token: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        self.path = f"/api/v1/lessons/{lesson_id}/progress"
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.second = 0.0

    def call(self, kind: str) -> float:
        started = time.perf_counter()
        if kind == "bare":
            self.connection.request("GET", "/bench/bare")
        else:
            body = json.dumps(
                {"intervals": [[self.second, self.second + 15]], "position": self.second + 15}
            )
            self.second = (self.second + 15) % 3000
            self.connection.request("POST", self.path, body, self.headers)
        response = self.connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{kind}: HTTP {response.status}")
        return time.perf_counter() - started


def throughput(kind: str, clients: list[Client], seconds: float) -> float:
    counts = [0] * len(clients)
    stop = time.monotonic() + seconds

    def run(index: int) -> None:
        while time.monotonic() < stop:
            clients[index].call(kind)
            counts[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def paced(
    kind: str, clients: list[Client], rate: float, seconds: float
) -> tuple[list[float], float]:
    """Open loop: request i is due at i / rate; latency counts from when it was due."""
    latencies: list[float] = []
    lock = threading.Lock()
    total = int(rate * seconds)
    next_index = iter(range(total))
    start = time.perf_counter() + 0.2

    def run(client: Client) -> None:
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                return
            due = start + index / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            client.call(kind)
            with lock:
                latencies.append(time.perf_counter() - due)

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    achieved = total / (time.perf_counter() - start)
    return sorted(latencies), achieved


def worker_rss_mb(server: subprocess.Popen) -> list[float]:
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rate", type=float, default=300)
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (1: sync workers, >1: gthread)"
    )
    args = parser.parse_args()
    lesson_id, tokens = setup()
    server = start_server(args.threads)
    try:
        make = lambda n: [Client(lesson_id, tokens[i % len(tokens)]) for i in range(n)]  # noqa: E731
        throughput("beat", make(args.clients), 2)  # warm up both workers
        bare = throughput("bare", make(args.clients), args.seconds)
        beat = throughput("beat", make(args.clients), args.seconds)
        bare_lat, bare_rate = paced("bare", make(32), args.rate, args.seconds)
        beat_lat, beat_rate = paced("beat", make(32), args.rate, args.seconds)
        memory = worker_rss_mb(server)
    finally:
        server.terminate()
        server.wait(timeout=20)

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))] * 1000

    print(f"### Heartbeat — {date.today().isoformat()}\n")
    print(
        f"- Command: `python benchmarks/heartbeat_bench.py --seconds {args.seconds:g} --clients {args.clients} --rate {args.rate:g} --threads {args.threads}` "
        "(with the services' DATABASE_URL)"
    )
    print(
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; gunicorn 2 workers "
        f"({'sync' if args.threads == 1 else f'gthread, {args.threads} threads each'}), "
        "lms.settings.production, PostgreSQL on loopback; the load generator runs on the same 2 cores."
    )
    print(f"- {USERS} parents with bearer tokens beating on one lesson.\n")
    print(
        "| endpoint | closed-loop throughput (req/s) | paced rate achieved (req/s) | p50 (ms) | p99 (ms) |"
    )
    print("|---|---|---|---|---|")
    print(
        f"| bare JSON view (baseline) | {bare:.0f} | {bare_rate:.0f} | {pct(bare_lat, 0.5):.1f} | {pct(bare_lat, 0.99):.1f} |"
    )
    print(
        f"| heartbeat POST | {beat:.0f} | {beat_rate:.0f} | {pct(beat_lat, 0.5):.1f} | {pct(beat_lat, 0.99):.1f} |"
    )
    print(
        f"\nHeartbeat / bare throughput: {beat / bare:.2f}. Worker memory (RSS): "
        + ", ".join(f"{m:.0f} MB" for m in memory)
        + "."
    )


if __name__ == "__main__":
    main()
