"""The embedded default: `make run` on one machine with no external services."""

from lms.settings.base import *  # noqa: F403
from lms.settings.base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
# A development key, kept under var/ so sessions survive restarts; never used
# in production, which refuses to start without SECRET_KEY.
if not SECRET_KEY:  # noqa: F405
    from lms.settings.secret import secret_key_file

    SECRET_KEY = secret_key_file(VAR_DIR / "secret_key")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

# runserver serves static files itself; WhiteNoise is for collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
