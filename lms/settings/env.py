"""Typed readers for configuration from the environment.

Every setting comes from the environment; unset means the embedded default.
A bad value raises ConfigError naming the variable and the expected form, which
the entry points (manage.py, wsgi, asgi, celery) print without a stack trace.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}


class ConfigError(Exception):
    """A configuration value from the environment is unusable.

    Deliberately not ImproperlyConfigured: Django's management utility swallows
    that during start-up and re-raises it later as a stack trace.
    """

    def __init__(self, variable: str, value: str, expected: str):
        self.variable = variable
        super().__init__(f"{variable}={value!r} is not valid: expected {expected}.")


class Env:
    """Reads variables from a mapping (os.environ by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None):
        self.environ = os.environ if environ is None else environ

    def raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        if value is None:
            return None
        value = value.strip()
        return value or None

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.raw(name)
        return default if value is None else value

    def bool(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ConfigError(name, value, "one of 1/0, true/false, yes/no, on/off")

    def int(
        self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
    ) -> int:
        value = self.raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ConfigError(name, value, "a whole number") from None
        if minimum is not None and number < minimum:
            raise ConfigError(name, value, f"a whole number of at least {minimum}")
        if maximum is not None and number > maximum:
            raise ConfigError(name, value, f"a whole number of at most {maximum}")
        return number

    def list(self, name: str, default: list[str]) -> list[str]:
        value = self.raw(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    def path(self, name: str, default: Path) -> Path:
        value = self.raw(name)
        return default if value is None else Path(value).expanduser().resolve()

    def choice(self, name: str, default: str, choices: set[str]) -> str:
        value = self.raw(name)
        if value is None:
            return default
        if value not in choices:
            raise ConfigError(name, value, "one of " + ", ".join(sorted(choices)))
        return value

    def database(self, name: str, default_sqlite: Path) -> dict:
        value = self.raw(name)
        if value is None:
            return sqlite_database(default_sqlite)
        scheme = urlsplit(value).scheme
        if scheme not in DATABASE_SCHEMES:
            raise ConfigError(
                name,
                _redact(value),
                "postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:///ABSOLUTE/PATH",
            )
        try:
            parsed = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
        except Exception:
            raise ConfigError(
                name, _redact(value), "postgres://USER:PASSWORD@HOST:PORT/NAME"
            ) from None
        if parsed["ENGINE"].endswith("sqlite3"):
            return sqlite_database(Path(parsed["NAME"]))
        if not parsed.get("NAME"):
            raise ConfigError(
                name,
                _redact(value),
                "postgres://USER:PASSWORD@HOST:PORT/NAME (the database NAME is missing)",
            )
        return parsed

    def url(self, name: str, schemes: set[str], form: str) -> str | None:
        value = self.raw(name)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in schemes:
            raise ConfigError(name, _redact(value), form)
        try:
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            raise ConfigError(name, _redact(value), form) from None
        if parts.scheme not in {"filesystem", "memory"} and not parts.hostname:
            raise ConfigError(name, _redact(value), form)
        return value


def sqlite_database(path: Path) -> dict:
    """SQLite tuned for a web server and a worker sharing one file."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # WAL lets the web server read while the worker writes; IMMEDIATE
            # avoids "database is locked" on lock upgrades mid-transaction.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }


def _redact(url: str) -> str:
    """Hide a password in a URL before it appears in an error message."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url
