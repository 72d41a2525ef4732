"""Settings shared by every environment. Values come only from the environment."""

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

from lms.settings.env import Env

env = Env()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything the embedded default writes at run time lives under var/ (git-ignored).
VAR_DIR = env.path("LMS_VAR_DIR", BASE_DIR / "var")

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "lms.core",
    "lms.accounts",
    "lms.notifications",
    "lms.learning",
    "lms.schools",
    "lms.activities",
    "lms.homevisits",
    "lms.support",
    "lms.notices",
    "lms.messaging",
    "lms.care",
    "lms.supervision",
    "lms.directory",
    "lms.ops",
    "courses",
    "media_pipeline",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.core.middleware.ContentSecurityPolicyMiddleware",
    "lms.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.core.admin_visibility.AdminVisibilityMiddleware",
    # Last, so it turns a lockout anywhere below into the Chinese "wait N minutes" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lms.core.context_processors.site_settings",
            ],
        },
    },
]

DATABASES = {"default": env.database("DATABASE_URL", VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: parents sign in with a mobile number or a username.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "lms.accounts.backends.ThrottleBackend",  # refuses while a number or address is locked out
    "lms.accounts.backends.PhoneOrUsernameBackend",
    "lms.accounts.backends.PhoneCodeBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# SMS codes (验证码) and digests: "console" prints messages on the terminal (make run),
# "locmem" keeps them for tests, "aliyun" / "tencent" send through the providers' SDKs (optional
# extras; see docs/deploy.md). SMS_TEMPLATES maps our names to the provider's template ids.
SMS_BACKEND = env.choice("SMS_BACKEND", "console", {"console", "locmem", "aliyun", "tencent"})
SMS_SIGN_NAME = env.str("SMS_SIGN_NAME", "")
SMS_TEMPLATES = env.str("SMS_TEMPLATES", "")
SMS_ACCESS_KEY_ID = env.str("SMS_ACCESS_KEY_ID", "")
SMS_ACCESS_KEY_SECRET = env.str("SMS_ACCESS_KEY_SECRET", "")
SMS_APP_ID = env.str("SMS_APP_ID", "")  # Tencent's SmsSdkAppId
SMS_REGION = env.str("SMS_REGION", "")  # Tencent, e.g. ap-guangzhou
SMS_ENDPOINT = env.str("SMS_ENDPOINT", "")  # Aliyun, default dysmsapi.aliyuncs.com
# Sends allowed as (window in seconds, count): per number, and per client address (a school's
# or a carrier's shared address carries many families, hence the larger numbers).
SMS_LIMITS_PER_NUMBER = ((60, 1), (3600, 5), (86400, 10))
SMS_LIMITS_PER_CLIENT = ((60, 10), (3600, 60), (86400, 200))
# A teacher's one-time reset code for a parent without SMS stays valid this long.
ACCOUNTS_RECOVERY_CODE_HOURS = env.int("LMS_RECOVERY_CODE_HOURS", 24, minimum=1)

# Sign-in throttling (django-axes): after failures per number or per address, a wait. The
# callables in lms.accounts.throttle normalise numbers, mask them in logs and speak Chinese.
AXES_FAILURE_LIMIT = "lms.accounts.throttle.failure_limit"
AXES_LOCKOUT_PARAMETERS = "lms.accounts.throttle.lockout_parameters"
AXES_USERNAME_CALLABLE = "lms.accounts.throttle.username"
AXES_CLIENT_STR_CALLABLE = "lms.accounts.throttle.client_str"
AXES_LOCKOUT_CALLABLE = "lms.accounts.throttle.lockout_response"
AXES_COOLOFF_TIME = "lms.accounts.throttle.cool_off"
AXES_FAILURES_PER_NUMBER = env.int("LMS_LOGIN_FAILURES_PER_NUMBER", 5, minimum=1)
AXES_FAILURES_PER_ADDRESS = env.int("LMS_LOGIN_FAILURES_PER_ADDRESS", 30, minimum=1)
AXES_BEARER_FAILURES_PER_ADDRESS = env.int("LMS_TOKEN_FAILURES_PER_ADDRESS", 10, minimum=1)
AXES_COOLOFF_MINUTES = env.int("LMS_LOGIN_COOLOFF_MINUTES", 15, minimum=1)
# Not axes' own reset on success: it would forget every failure from the same address, so one
# good sign-in to an own account would let a guesser go on; throttle.py forgets only the
# signed-in person's own failures.
AXES_RESET_ON_SUCCESS = False
# No record of every successful sign-in (who, when, from where): not needed, so not kept.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "password1", "password2", "phone"]
AXES_CLIENT_IP_CALLABLE = "lms.accounts.throttle.client_ip"
# How many reverse proxies in front of the site append to X-Forwarded-For (0: none, so the
# client's address is REMOTE_ADDR). The address counted is the one the first proxy saw.
LMS_PROXY_COUNT = env.int("LMS_PROXY_COUNT", 0, minimum=0)

# Chinese first; English available. The admin follows each user's language.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build" / "static"]
MEDIA_URL = env.str("MEDIA_URL", "/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", VAR_DIR / "media")

# Media storage: a local folder by default, S3-compatible object storage when a
# bucket is named (django-storages; credentials from the environment only).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME")
_default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.url(
                "AWS_S3_ENDPOINT_URL", {"http", "https"}, "https://HOST[:PORT] of the S3 endpoint"
            ),
            "region_name": env.str("AWS_S3_REGION_NAME"),
            "access_key": env.str("AWS_ACCESS_KEY_ID"),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN"),
            "file_overwrite": False,
            # Stores without bucket policies (s3proxy, some MinIO set-ups) need public-read here.
            "default_acl": env.str("AWS_DEFAULT_ACL") or None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Celery: Redis (or RabbitMQ) in production; a broker folder that needs no
# server for the embedded default.
CELERY_BROKER_URL = env.url(
    "CELERY_BROKER_URL",
    {"redis", "rediss", "amqp", "amqps", "pyamqp", "filesystem", "memory"},
    "redis://HOST:PORT/DB or amqp://USER:PASSWORD@HOST:PORT/VHOST",
)
CELERY_BROKER_FOLDER = VAR_DIR / "broker"
CELERY_RESULT_BACKEND = env.url(
    "CELERY_RESULT_BACKEND", {"redis", "rediss"}, "redis://HOST:PORT/DB"
)
if CELERY_BROKER_URL is None:
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = CELERY_RESULT_BACKEND or f"file://{CELERY_BROKER_FOLDER / 'results'}"
elif CELERY_RESULT_BACKEND is None and CELERY_BROKER_URL.startswith(("redis", "rediss")):
    CELERY_RESULT_BACKEND = CELERY_BROKER_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_EXPIRES = 24 * 3600
# A task is acknowledged only once done, so a worker that dies mid-task does
# not lose it; one task at a time per process keeps long encodes from piling up.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that enqueues must not hang while the broker is away: sending gives up within a
# second or two, the caller logs it, and the work waits for beat (see media.reap). Tasks sent
# from requests ignore their results, so sending never waits on the result store either.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 2}}
if CELERY_BROKER_URL.startswith(("redis", "rediss")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
CELERY_BEAT_SCHEDULE: dict = {}

# Search: Elasticsearch 8 when configured, the database backend otherwise.
ELASTICSEARCH_URL = env.url(
    "ELASTICSEARCH_URL", {"http", "https"}, "http(s)://HOST:PORT of an Elasticsearch 8 node"
)
ELASTICSEARCH_TIMEOUT = env.int("ELASTICSEARCH_TIMEOUT", 5, minimum=1)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The catalogue's search alias, and how long a search may wait for Elasticsearch before the
# site answers from the database instead.
SEARCH_INDEX = env.str("SEARCH_INDEX", "lms-catalogue")
SEARCH_TIMEOUT_SECONDS = env.int("SEARCH_TIMEOUT_SECONDS", 2, minimum=1)
ELASTICSEARCH_REPLICAS = env.int("ELASTICSEARCH_REPLICAS", 1, minimum=0)
# `search_index rebuild` refuses when the new index has fewer than this share of the old
# one's documents (unless --force): a half-empty catalogue is more likely a bug than news.
SEARCH_REBUILD_MIN_RATIO = 0.8

# Media pipeline tools: explicit paths, else the system PATH (see media_pipeline.tools).
FFMPEG_BINARY = env.str("FFMPEG_BINARY")
FFPROBE_BINARY = env.str("FFPROBE_BINARY")

# Wagtail
WAGTAIL_SITE_NAME = env.str("SITE_NAME", "网上家长学校")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "pptx", "txt", "odt"]
TAGGIT_CASE_INSENSITIVE = True
# The admin calls no outside service: no update check, no Gravatar (the CSP allows neither).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy (django-csp), enforced. No inline scripts on the site; the
# player's hls.js needs blob: for MSE media and its worker. Media/CDN and map-tile
# origins are added per request by lms.core.middleware.ContentSecurityPolicyMiddleware.
# Inline style attributes stay allowed: Wagtail's admin and Leaflet use them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# Browser features the site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# E-mail: printed to the console unless an SMTP host is given.
EMAIL_HOST = env.str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "noreply@localhost")

# Logs: one JSON object per line in production, readable lines in development.
LOG_LEVEL = env.choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOG_FORMAT = env.choice("LOG_FORMAT", "text", {"text", "json"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # parents stay signed in on their own phone
X_FRAME_OPTIONS = "SAMEORIGIN"

# Local media is served by Django itself only for the embedded default; in
# production a reverse proxy or the object store's CDN serves it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
# Only for `make bench`: a bare JSON view to compare the heartbeat with.
BENCHMARK_ENDPOINTS = env.bool("LMS_BENCHMARK_ENDPOINTS", default=False)
# How long a web process may keep answering beats from its copy of a lesson (seconds):
# other processes see an unpublished or changed lesson within this time.
LEARNING_LESSON_CACHE_SECONDS = env.int("LMS_LESSON_CACHE_SECONDS", 30, minimum=0)
# Likewise for bearer tokens: a revoked token or deactivated account stops working in every
# process within this time (at once in the process that revoked it).
LEARNING_TOKEN_CACHE_SECONDS = env.int("LMS_TOKEN_CACHE_SECONDS", 30, minimum=0)

# Media pipeline limits (see media_pipeline/).
MEDIA_MAX_UPLOAD_BYTES = env.int("MEDIA_MAX_UPLOAD_BYTES", 4 * 1024**3, minimum=1)
MEDIA_MAX_DURATION_SECONDS = env.int("MEDIA_MAX_DURATION_SECONDS", 3 * 3600, minimum=1)
# Threads per ffmpeg run; with worker concurrency this bounds CPU and memory per machine.
# Larger pictures or faster rates tie up a worker for little gain on a phone screen.
MEDIA_MAX_LONG_SIDE = env.int("MEDIA_MAX_LONG_SIDE", 3840, minimum=320)
MEDIA_MAX_SHORT_SIDE = env.int("MEDIA_MAX_SHORT_SIDE", 2160, minimum=240)
MEDIA_MAX_FRAME_RATE = env.int("MEDIA_MAX_FRAME_RATE", 60, minimum=24)
MEDIA_FFMPEG_THREADS = env.int("MEDIA_FFMPEG_THREADS", 2, minimum=1)
MEDIA_ENCODE_TIMEOUT_MIN_SECONDS = env.int("MEDIA_ENCODE_TIMEOUT_MIN_SECONDS", 600, minimum=60)
MEDIA_WORK_DIR = env.path("MEDIA_WORK_DIR", VAR_DIR / "media-work")
# A processing job whose worker has not reported for this long is taken as dead.
MEDIA_STALE_AFTER_SECONDS = env.int("MEDIA_STALE_AFTER_SECONDS", 15 * 60, minimum=60)
MEDIA_MAX_ATTEMPTS = env.int("MEDIA_MAX_ATTEMPTS", 3, minimum=1)
MEDIA_TASK_TIME_LIMIT_SECONDS = env.int("MEDIA_TASK_TIME_LIMIT_SECONDS", 6 * 3600, minimum=60)
# Long encodes go to their own queue so reminders and indexing never wait behind them. The
# check (a probe of seconds) stays on the default queue, so it never waits behind encodes.
MEDIA_QUEUE = env.str("LMS_MEDIA_QUEUE", "media")
CELERY_TASK_ROUTES = {"media.transcode": {"queue": MEDIA_QUEUE}}
# The reaper also sends uploads whose first task could not be sent (broker away).
MEDIA_REAP_EVERY_SECONDS = env.int("MEDIA_REAP_EVERY_SECONDS", 600, minimum=10)
CELERY_BEAT_SCHEDULE["media-reap-stuck"] = {
    "task": "media.reap",
    "schedule": float(MEDIA_REAP_EVERY_SECONDS),
}
# Parts of resumable uploads; on local storage a finished upload is moved, not copied.
MEDIA_UPLOAD_PARTS_DIR = env.path("MEDIA_UPLOAD_PARTS_DIR", VAR_DIR / "upload-parts")
MEDIA_UPLOAD_EXPIRE_HOURS = env.int("MEDIA_UPLOAD_EXPIRE_HOURS", 48, minimum=1)
CELERY_BEAT_SCHEDULE["media-uploads-expire"] = {"task": "media.uploads_expire", "schedule": 3600.0}

# Schools: a daily digest of assignments due within this many days, sent in the
# early evening when parents are home (at most one per family per day).
LMS_REMINDER_DAYS = env.int("LMS_REMINDER_DAYS", 3, minimum=0)
LMS_REMINDER_HOUR = env.int("LMS_REMINDER_HOUR", 19, minimum=0, maximum=23)
# Nothing is delivered outside the site during these local hours (lms.core.quiet_hours).
LMS_QUIET_HOURS = env.str("LMS_QUIET_HOURS", "21:30-07:00")
CELERY_BEAT_SCHEDULE["schools-reminders"] = {
    "task": "schools.reminders",
    "schedule": crontab(hour=LMS_REMINDER_HOUR, minute=0),
}
# Talks: families signed up for tomorrow's talk get a notice at the same hour.
CELERY_BEAT_SCHEDULE["activities-talk-reminders"] = {
    "task": "activities.talk_reminders",
    "schedule": crontab(hour=LMS_REMINDER_HOUR, minute=5),
}
# Reception-day slots tomorrow (家长接待日): a reminder to the family that booked.
CELERY_BEAT_SCHEDULE["activities-reception-reminders"] = {
    "task": "activities.reception_reminders",
    "schedule": crontab(hour=LMS_REMINDER_HOUR, minute=10),
}

# Delivery outside the site (lms.notifications.delivery, docs/deploy.md): one digest a day per
# person from LMS_DIGEST_AT (local time, after the reminders above), urgent notices at once;
# nothing during quiet hours. The default channel costs money when it is SMS: see deploy.md.
LMS_DIGEST_AT = env.str("LMS_DIGEST_AT", "19:30")
LMS_DELIVERY_CHANNEL = env.choice("LMS_DELIVERY_CHANNEL", "sms", {"sms", "wechat", "email", "none"})
CELERY_BEAT_SCHEDULE["notifications-deliver"] = {
    "task": "notifications.deliver",
    "schedule": 600.0,
}
# WeChat template messages (公众号模板消息): console, locmem (tests) or wechat (the real API).
WECHAT_BACKEND = env.str("WECHAT_BACKEND", "console")
WECHAT_APP_ID = env.str("WECHAT_APP_ID", "")
WECHAT_APP_SECRET = env.str("WECHAT_APP_SECRET", "")
WECHAT_TEMPLATES = env.str("WECHAT_TEMPLATES", "")
WECHAT_API_BASE = env.str("WECHAT_API_BASE", "https://api.weixin.qq.com")

# Resource directory map: a tile URL template (e.g. a county GIS service or
# https://tile.openstreetmap.org/{z}/{x}/{y}.png) and its attribution. Without one the
# directory is a list only, which works everywhere.
DIRECTORY_MAP_TILES = env.str("DIRECTORY_MAP_TILES", "")
DIRECTORY_MAP_ATTRIBUTION = env.str("DIRECTORY_MAP_ATTRIBUTION", "")

# Support ledger: closed records are deleted this many days after closing (their audit trail
# stays). Default three years, the usual keeping period for school files.
SUPPORT_RETENTION_DAYS = env.int("LMS_SUPPORT_RETENTION_DAYS", 3 * 365, minimum=1)
# Care notices: the family hears a week before a notice ends (once), at the reminder hour.
CELERY_BEAT_SCHEDULE["care-reminders"] = {
    "task": "care.reminders",
    "schedule": crontab(hour=LMS_REMINDER_HOUR, minute=10),
}
CELERY_BEAT_SCHEDULE["support-purge"] = {"task": "support.purge", "schedule": 24 * 3600.0}
# Messaging (family–teacher threads): sends per person per hour, and how long threads are
# kept after their last message (docs/messaging.md says why): two years, or one once the
# child's family has left the class.
LMS_MESSAGES_PER_HOUR = env.int("LMS_MESSAGES_PER_HOUR", 20, minimum=1)
LMS_MESSAGE_RETENTION_DAYS = env.int("LMS_MESSAGE_RETENTION_DAYS", 2 * 365, minimum=1)
LMS_MESSAGE_RETENTION_AFTER_LEAVING_DAYS = env.int(
    "LMS_MESSAGE_RETENTION_AFTER_LEAVING_DAYS", 365, minimum=1
)
CELERY_BEAT_SCHEDULE["messaging-purge"] = {"task": "messaging.purge", "schedule": 24 * 3600.0}
# Sent SMS codes are forgotten once no send limit counts them (see lms.accounts.codes).
CELERY_BEAT_SCHEDULE["accounts-codes-purge"] = {"task": "accounts.codes_purge", "schedule": 3600.0}

# Supervision: semesters as (name, first month, last month); a semester ending in an earlier
# month than it starts runs into the next year. "2025-autumn" = Sep 2025 – Jan 2026.
LMS_SEMESTERS = env.str("LMS_SEMESTERS", "autumn:9-1,spring:2-7")
# The share of communities and villages the county means to give a station (percent).
LMS_STATION_COVERAGE_TARGET = env.int("LMS_STATION_COVERAGE_TARGET", 90, minimum=0, maximum=100)
# Requirements counted by the compliance report.
LMS_REQUIRED_SCHOOL_ACTIVITIES = env.int("LMS_REQUIRED_SCHOOL_ACTIVITIES", 2, minimum=0)
LMS_REQUIRED_STATION_ACTIVITIES_PER_YEAR = env.int(
    "LMS_REQUIRED_STATION_ACTIVITIES_PER_YEAR", 4, minimum=0
)

# School notices: the largest attachment (bytes), and the run that announces scheduled
# notices when their time comes (a second run sends nothing).
LMS_NOTICE_ATTACHMENT_MAX_BYTES = env.int(
    "LMS_NOTICE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024
)
CELERY_BEAT_SCHEDULE["notices-announce-due"] = {"task": "notices.announce_due", "schedule": 60.0}
# 学时 a family is expected to earn in a school year: the reports count who reached it.
LMS_YEARLY_HOURS_TARGET = env.int("LMS_YEARLY_HOURS_TARGET", 10, minimum=1)
