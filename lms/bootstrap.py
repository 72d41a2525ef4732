"""Start-up shared by manage.py, WSGI, ASGI and Celery.

Loads the settings module once so that a bad environment variable stops the
process with one readable line instead of a stack trace.
"""

import importlib
import os
import sys

DEFAULT_SETTINGS = "lms.settings.dev"


def configure(default_settings: str = DEFAULT_SETTINGS) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    from lms.settings.env import ConfigError

    module = os.environ["DJANGO_SETTINGS_MODULE"]
    try:
        importlib.import_module(module)
    except ConfigError as error:
        sys.stderr.write(f"Configuration error: {error}\nSee README.md, 'Configuration'.\n")
        raise SystemExit(2) from None
