"""Tests: the embedded stack unless DATABASE_URL/CELERY_BROKER_URL/ELASTICSEARCH_URL are set."""

from lms.settings.base import *  # noqa: F403
from lms.settings.base import env

SECRET_KEY = "tests-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# runserver serves static files itself; WhiteNoise is for collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405

# Tasks run inline in tests; tests marked services("redis") use a real worker process instead.
CELERY_TASK_ALWAYS_EAGER = env.bool("LMS_TASKS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
