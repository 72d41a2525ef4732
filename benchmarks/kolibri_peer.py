"""Kolibri 0.19.5 as the peer in benchmarks/peer_bench.py: install, set up, serve, log learners in.

Kolibri lives in its own virtual environment outside the repository and its own PostgreSQL
database; every step is idempotent, so a second run reuses what the first built. It is served by
gunicorn bound to 127.0.0.1 only — never `kolibri start`, which listens on every interface and
announces itself on the local network (zeroconf is switched off as well).
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

VERSION = "0.19.5"
PACKAGES = [f"kolibri=={VERSION}", "gunicorn==27.0.1", "psycopg2-binary==2.9.13"]
PASSWORD = "bench-password-1"
# outside the repository; KOLIBRI_BENCH_VENV points elsewhere
DEFAULT_VENV = Path(
    os.environ.get("KOLIBRI_BENCH_VENV")
    or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    / f"lms-bench/kolibri-{VERSION}"
)
# Learners, created in `kolibri manage shell`; one password hash shared, as hashing is slow.
LEARNERS_SCRIPT = """
from kolibri.core.auth.models import Facility, FacilityUser
facility = Facility.get_default_facility()
names = [f"bench-{n}" for n in range({count})]
existing = set(FacilityUser.objects.filter(facility=facility, username__in=names)
               .values_list("username", flat=True))
proto = FacilityUser(username="proto", facility=facility)
proto.set_password("{password}")
for name in names:
    if name not in existing:
        FacilityUser(username=name, full_name=name, facility=facility,
                     password=proto.password).save()
"""


class Kolibri:
    def __init__(self, *, venv: Path, database_url: str, database: str, port: int, workers: int):
        self.venv = venv
        self.port = port
        self.workers = workers
        self.database = database
        parts = urlsplit(database_url)
        self.admin_url = parts._replace(path="/postgres").geturl()
        self.home = Path(tempfile.gettempdir()) / f"lms-bench-kolibri-home-{database}"
        self.env = {
            **os.environ,
            "KOLIBRI_HOME": str(self.home),
            "KOLIBRI_DATABASE_ENGINE": "postgres",
            "KOLIBRI_DATABASE_NAME": database,
            "KOLIBRI_DATABASE_USER": parts.username or "",
            "KOLIBRI_DATABASE_PASSWORD": parts.password or "",
            "KOLIBRI_DATABASE_HOST": parts.hostname or "127.0.0.1",
            "KOLIBRI_DATABASE_PORT": str(parts.port or 5432),
            "KOLIBRI_ZEROCONF_ENABLED": "False",
            "KOLIBRI_RUN_MODE": "benchmark",
        }
        for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH"):
            self.env.pop(name, None)
        self.server: subprocess.Popen | None = None

    # --- installation and data -------------------------------------------------------------
    def install(self) -> None:
        python = self.venv / "bin" / "python"
        check = [
            str(python),
            "-c",
            "import kolibri, gunicorn, psycopg2; print(kolibri.__version__)",
        ]
        if python.exists():
            found = subprocess.run(check, capture_output=True, text=True).stdout.strip()
            if found == VERSION:
                return
        print(f"Installing Kolibri {VERSION} into {self.venv} (from PyPI)…", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PACKAGES], check=True)

    def _sql(self, database: str, statement: str, params: tuple = ()) -> list[tuple]:
        import psycopg

        url = urlsplit(self.admin_url)._replace(path=f"/{database}").geturl()
        with psycopg.connect(url, autocommit=True) as connection:
            cursor = connection.execute(statement, params)
            return cursor.fetchall() if cursor.description else []

    def _manage(self, *args: str) -> None:
        subprocess.run(
            [str(self.venv / "bin" / "kolibri"), "manage", *args],
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self, *, learners: int) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        exists = self._sql(
            "postgres", "SELECT 1 FROM pg_database WHERE datname = %s", (self.database,)
        )
        if not exists:
            self._sql("postgres", f'CREATE DATABASE "{self.database}"')
        self._manage("migrate")
        if not self._sql(
            self.database, "SELECT 1 FROM kolibriauth_collection WHERE kind = 'facility' LIMIT 1"
        ):
            self._manage(
                "provisiondevice",
                "--",
                "--facility",
                "Bench School",
                "--preset",
                "formal",
                "--superusername",
                "benchadmin",
                "--superuserpassword",
                uuid.uuid4().hex,
                "--language_id",
                "en",
                "--noinput",
            )
        script = LEARNERS_SCRIPT.replace("{count}", str(learners)).replace("{password}", PASSWORD)
        self._manage("shell", "--", "-c", script)

    # --- serving ---------------------------------------------------------------------------
    def start(self) -> subprocess.Popen:
        gunicorn = str(self.venv / "bin" / "gunicorn")
        self.server = subprocess.Popen(
            [
                gunicorn,
                "kolibri.deployment.default.wsgi:application",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=self.home,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(600):
            try:
                self._get("/api/public/v1/facility/")
                return self.server
            except OSError:
                time.sleep(0.1)
        self.stop()
        sys.exit("Kolibri's gunicorn did not start")

    def stop(self) -> None:
        if self.server and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=30)

    def _connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def _get(self, path: str) -> tuple[object, http.client.HTTPResponse]:
        connection = self._connection()
        connection.request("GET", path)
        response = connection.getresponse()
        return json.loads(response.read() or b"null"), response

    # --- learners' sessions ----------------------------------------------------------------
    def sessions(self, *, learners: int) -> list[dict]:
        """Log every learner in and start a tracking session on a fresh video each.

        Returns, per learner, the PUT path and the headers (cookies and CSRF token) to send."""
        facilities, _ = self._get("/api/public/v1/facility/")
        facility = facilities[0]["id"]

        def one(n: int) -> dict:
            cookies = SimpleCookie()
            connection = self._connection()

            def call(method: str, path: str, body: dict | None = None, check: bool = True) -> dict:
                headers = {"Content-Type": "application/json"}
                if "kolibri_csrftoken" in cookies:
                    headers["X-CSRFToken"] = cookies["kolibri_csrftoken"].value
                    headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in cookies.items())
                connection.request(method, path, json.dumps(body) if body else None, headers)
                response = connection.getresponse()
                data = response.read()
                for name, value in response.getheaders():
                    if name.lower() == "set-cookie":
                        cookies.load(value)
                if check and response.status != 200:
                    raise RuntimeError(
                        f"Kolibri {method} {path}: HTTP {response.status} {data[:200]}"
                    )
                return json.loads(data)

            # any API answer sets kolibri_csrftoken, even this 405
            call("GET", "/api/auth/session/current/", check=False)
            call(
                "POST",
                "/api/auth/session/",
                {"username": f"bench-{n}", "password": PASSWORD, "facility": facility},
            )
            session = call(
                "POST",
                "/api/logger/trackprogress/",
                {
                    "node_id": uuid.uuid4().hex,
                    "content_id": uuid.uuid4().hex,
                    "channel_id": uuid.uuid4().hex,
                    "kind": "video",
                },
            )
            return {
                "path": f"/api/logger/trackprogress/{session['session_id']}/",
                "headers": {
                    "Content-Type": "application/json",
                    "X-CSRFToken": cookies["kolibri_csrftoken"].value,
                    "Cookie": "; ".join(f"{k}={m.value}" for k, m in cookies.items()),
                },
            }

        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(one, range(learners)))
