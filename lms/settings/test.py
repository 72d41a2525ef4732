"""Tests: the embedded stack unless DATABASE_URL/CELERY_BROKER_URL/ELASTICSEARCH_URL are set."""

import os
from pathlib import Path

from lms.settings.base import *  # noqa: F403
from lms.settings.base import env

SECRET_KEY = "tests-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "locmem"  # lms.sms.backends.locmem.outbox
WECHAT_BACKEND = "locmem"  # lms.sms.backends.locmem.wechat_outbox

# runserver serves static files itself; WhiteNoise is for collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405

# Tasks run inline in tests; tests marked services("redis") use a real worker process instead.
CELERY_TASK_ALWAYS_EAGER = env.bool("LMS_TASKS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True

# Browser tests play media from the live test server.
SERVE_MEDIA = True

# A file, not shared-cache memory: the live server used by browser tests answers
# requests on several threads, which in-memory SQLite serialises with "table is locked".
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    import tempfile

    scratch = Path(tempfile.gettempdir())
    DATABASES["default"]["TEST"] = {"NAME": str(scratch / f"lms-test-{os.getpid()}.sqlite3")}  # noqa: F405

# Tests use their own alias on a shared Elasticsearch node (SEARCH_INDEX gives parallel runs
# one each); one node holds no replicas.
SEARCH_INDEX = env.str("SEARCH_INDEX", "lms-test-catalogue")
ELASTICSEARCH_REPLICAS = 0
