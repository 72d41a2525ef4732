"""The Celery broker as the rest of the platform sees it."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from kombu import Connection


def broker_kind() -> str:
    """The broker's scheme with credentials left out: 'redis', 'amqp', 'filesystem', ..."""
    return urlsplit(settings.CELERY_BROKER_URL).scheme


def broker_folders_ensure() -> None:
    """Create the embedded broker's folders; nothing to do for a broker server."""
    if broker_kind() != "filesystem":
        return
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)
    backend = settings.CELERY_RESULT_BACKEND or ""
    if backend.startswith("file://"):
        Path(backend.removeprefix("file://")).mkdir(parents=True, exist_ok=True)


def broker_status(*, timeout: float = 2.0) -> str:
    """'ok' when a task could be sent now, 'down' otherwise."""
    if broker_kind() == "filesystem":
        options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
        folder = Path(options.get("data_folder_in", "."))
        return "ok" if folder.is_dir() and os.access(folder, os.W_OK) else "down"
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as connection:
            connection.ensure_connection(max_retries=1, timeout=timeout)
    except Exception:
        return "down"
    return "ok"
