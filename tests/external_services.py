"""Service tests: marked `@pytest.mark.services("postgres", "redis", "elasticsearch")`.

Without LMS_TEST_SERVICES=required they run when their services are configured
and reachable, and are skipped otherwise (the embedded `make test`). With it
set, an unconfigured or unreachable service fails the test, and the run fails
unless every service had at least one passing test; the summary counts them.
"""

from __future__ import annotations

import os
import socket
from collections import Counter
from urllib.parse import urlsplit

import pytest

SERVICES = ("postgres", "redis", "elasticsearch", "ffmpeg", "chromium", "pdf")


def services_required() -> bool:
    return os.environ.get("LMS_TEST_SERVICES", "").strip().lower() == "required"


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def service_problem(name: str) -> str | None:
    """Why `name` cannot be used now, or None when it can."""
    from django.conf import settings

    if name == "postgres":
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            return "DATABASE_URL does not point to PostgreSQL"
        return None  # pytest-django reports a connection failure itself
    if name == "redis":
        url = settings.CELERY_BROKER_URL or ""
        if not url.startswith(("redis://", "rediss://")):
            return "CELERY_BROKER_URL does not point to Redis"
        return None if _reachable(url, 6379) else f"Redis at {urlsplit(url).netloc} is unreachable"
    if name == "elasticsearch":
        url = settings.ELASTICSEARCH_URL
        if not url:
            return "ELASTICSEARCH_URL is not set"
        return None if _reachable(url, 9200) else f"Elasticsearch at {url} is unreachable"
    if name == "ffmpeg":
        from media_pipeline.tools import ToolMissing, tool_path

        try:
            tool_path("ffmpeg")
            tool_path("ffprobe")
        except ToolMissing as error:
            return str(error)
        return None
    if name == "chromium":
        import shutil

        if not shutil.which("chromium"):
            return "Debian's chromium is not installed (apt-get install chromium)"
        try:
            import playwright  # noqa: F401
        except ImportError:
            return "the playwright package is not installed"
        return None
    if name == "pdf":
        import shutil
        import subprocess

        from lms.core.pdf import CJK_FONT, pdf_unavailable_reason

        reason = pdf_unavailable_reason()
        if reason:
            return reason
        if not shutil.which("fc-list"):
            return "fontconfig's fc-list is not installed (apt-get install fontconfig)"
        fonts = subprocess.run(["fc-list", CJK_FONT], capture_output=True, text=True).stdout
        if not fonts.strip():
            return f"the {CJK_FONT} font is not installed (apt-get install fonts-noto-cjk)"
        return None
    raise ValueError(f"unknown service {name!r}; known: {', '.join(SERVICES)}")


class ServicePlugin:
    def __init__(self) -> None:
        self.passed: Counter[str] = Counter()
        self.required = services_required()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        marker = item.get_closest_marker("services")
        if marker is None:
            return
        for name in marker.args:
            problem = service_problem(name)
            if problem is None:
                continue
            if self.required:
                pytest.fail(f"service {name} required but unusable: {problem}", pytrace=False)
            pytest.skip(f"service {name} not available: {problem}")

    def pytest_runtest_logreport(self, report):
        if report.when != "call" or not report.passed:
            return
        for name in getattr(report, "services", ()):
            self.passed[name] += 1

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        marker = item.get_closest_marker("services")
        if marker is not None:
            outcome.get_result().services = tuple(marker.args)

    def pytest_terminal_summary(self, terminalreporter):
        counts = ", ".join(f"{name}={self.passed[name]}" for name in SERVICES)
        terminalreporter.write_line(f"service tests passed: {counts}")
        if self.required and not all(self.passed[name] for name in SERVICES):
            terminalreporter.write_line(
                "LMS_TEST_SERVICES=required but some service had no passing test", red=True
            )

    def pytest_sessionfinish(self, session, exitstatus):
        # Only a full run must cover every service; a -k/-m selection may not.
        selected = session.config.option.keyword or session.config.option.markexpr
        if (
            self.required
            and exitstatus == 0
            and not selected
            and not all(self.passed[n] for n in SERVICES)
        ):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
