import os
import subprocess
import sys
from pathlib import Path

import pytest

from lms.settings.env import ConfigError, Env

ROOT = Path(__file__).resolve().parents[2]


def test_unset_database_url_means_embedded_sqlite_in_wal_mode(tmp_path):
    database = Env({}).database("DATABASE_URL", tmp_path / "db.sqlite3")
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "db.sqlite3")
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_postgres_url_is_parsed(tmp_path):
    database = Env({"DATABASE_URL": "postgres://u:p@db.internal:6432/school"}).database(
        "DATABASE_URL", tmp_path / "x"
    )
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.internal", 6432, "school")


@pytest.mark.parametrize(
    "value",
    ["mysql://u:secret@h/db", "not a url", "postgres://u:secret@h:notaport/db", "postgres://u@h/"],
)
def test_bad_database_url_names_the_variable_and_hides_the_password(value, tmp_path):
    with pytest.raises(ConfigError) as error:
        Env({"DATABASE_URL": value}).database("DATABASE_URL", tmp_path / "x")
    message = str(error.value)
    assert message.startswith("DATABASE_URL=")
    assert "expected postgres://USER:PASSWORD@HOST:PORT/NAME" in message
    assert "secret" not in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False)],
)
def test_bool_values(value, expected):
    assert Env({"DEBUG": value}).bool("DEBUG", default=not expected) is expected


def test_bad_bool_and_int_are_refused():
    with pytest.raises(ConfigError, match="DEBUG='maybe' is not valid: expected one of 1/0"):
        Env({"DEBUG": "maybe"}).bool("DEBUG", default=False)
    with pytest.raises(ConfigError, match="PORT='80a' is not valid: expected a whole number"):
        Env({"PORT": "80a"}).int("PORT", 8000)
    with pytest.raises(ConfigError, match="at least 1"):
        Env({"PORT": "0"}).int("PORT", 8000, minimum=1)


def test_urls_are_checked_for_scheme_host_and_port():
    env = Env(
        {
            "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
            "BAD_SCHEME": "ftp://h",
            "NO_HOST": "redis://",
            "BAD_PORT": "redis://h:99999999",
        }
    )
    assert env.url("ELASTICSEARCH_URL", {"http", "https"}, "x") == "http://127.0.0.1:9200"
    for name in ("BAD_SCHEME", "NO_HOST", "BAD_PORT"):
        with pytest.raises(ConfigError, match=f"^{name}="):
            env.url(name, {"redis", "http"}, "redis://HOST:PORT/DB")


def test_list_and_blank_values():
    env = Env({"ALLOWED_HOSTS": " a.org, b.org ,,", "BLANK": "   "})
    assert env.list("ALLOWED_HOSTS", []) == ["a.org", "b.org"]
    assert env.str("BLANK", "default") == "default"


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root:pw@localhost/lms"),
        ("CELERY_BROKER_URL", "kafka://localhost:9092"),
        ("ELASTICSEARCH_URL", "localhost:9200"),
        ("DEBUG", "perhaps"),
    ],
)
def test_bad_value_stops_start_up_with_one_readable_message(variable, value):
    result = _manage("check", **{variable: value})
    assert result.returncode == 2
    assert f"Configuration error: {variable}=" in result.stderr
    assert "expected" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="lms.settings.production", SECRET_KEY="")
    assert result.returncode == 2
    assert "Configuration error: SECRET_KEY=" in result.stderr
    assert "Traceback" not in result.stderr
