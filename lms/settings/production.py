"""Production: PostgreSQL, Redis, Elasticsearch and S3-compatible storage, behind a proxy."""

from lms.settings.base import *  # noqa: F403
from lms.settings.base import SECRET_KEY, env
from lms.settings.env import ConfigError

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ConfigError(
        "SECRET_KEY",
        "<hidden>" if SECRET_KEY else "",
        "a random string of at least 50 characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')",
    )

DEBUG = env.bool("DEBUG", default=False)
LOG_FORMAT = env.choice("LOG_FORMAT", "json", {"text", "json"})
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# That proxy appends the client's address to X-Forwarded-For; sign-in and SMS limits per address
# count that entry (with 0 every parent would share the proxy's address).
LMS_PROXY_COUNT = env.int("LMS_PROXY_COUNT", 1, minimum=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True

SILENCED_SYSTEM_CHECKS = [
    # Wagtail's live preview shows the page in a same-origin frame, so SAMEORIGIN, not DENY.
    "security.W019",
    # HSTS preload is a one-way commitment for the domain; the county opts in.
    "security.W021",
]
