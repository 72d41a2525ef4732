import re
from urllib.parse import urlsplit

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

ADMIN_PREFIX = "/admin/"


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the visitor chose another language with the switcher.

    Browsers' Accept-Language is ignored on purpose: an official's English
    laptop or a phone set to English should still see the county's Chinese site.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _origin(url: str) -> str | None:
    """scheme://host[:port] of an absolute URL (or `//host/...`), else None."""
    parts = urlsplit(url.strip())
    if not parts.netloc or re.search(r"[\s;,'\"@]", parts.netloc):
        return None  # nothing that could end a source or add a directive
    scheme = parts.scheme or "https"
    # A tile template's `{s}` subdomain (a.tile…, t{s}.map…) becomes the `*.` wildcard,
    # the only one CSP knows; a placeholder further right cannot be expressed.
    labels = parts.netloc.split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    if any("{" in label for label in labels[1:]):
        return None
    return f"{scheme}://{'.'.join(labels)}"


def media_origins() -> list[str]:
    """Where media is played from when it is not the site itself: a CDN or the object store."""
    options = settings.STORAGES.get("default", {}).get("OPTIONS", {})
    found = [_origin(settings.MEDIA_URL)]
    if options.get("custom_domain"):
        found.append(_origin("https://" + options["custom_domain"]))
    if options.get("endpoint_url"):
        endpoint = _origin(options["endpoint_url"])
        found.append(endpoint)
        if endpoint and options.get("bucket_name"):  # virtual-hosted style addressing
            scheme, host = endpoint.split("://", 1)
            found.append(f"{scheme}://{options['bucket_name']}.{host}")
    return sorted({origin for origin in found if origin})


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy from settings, plus what is known only from settings at run time.

    Media origins go into img-src/media-src/connect-src, the map tiles' origin into
    img-src. The Wagtail admin's own templates still carry small inline scripts (date
    pickers, inline panels), so under /admin/ inline scripts are allowed, nowhere else.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        media = media_origins()
        tiles = _origin(settings.DIRECTORY_MAP_TILES or "")
        update = {
            "img-src": [*media, *([tiles] if tiles else [])],
            "media-src": media,
            "connect-src": media,
        }
        # An empty list would become a bare directive, which means 'none'.
        update = {name: sources for name, sources in update.items() if sources}
        parts.update = {**update, **(parts.update or {})}
        if request.path_info.startswith(ADMIN_PREFIX):
            # A nonce in script-src would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
            parts.replace = {"script-src": [SELF, UNSAFE_INLINE], **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Permissions-Policy from settings.PERMISSIONS_POLICY (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
