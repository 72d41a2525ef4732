"""Who is calling the JSON API: a browser session, or a bearer token."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from lms.accounts.throttle import bearer_failed
from lms.learning.caches import SettingTTLCache
from lms.learning.models import ApiToken
from lms.learning.services import token_hash

# Tokens seen by this process: {key hash: token with its user}. A beat every
# 15 s from every parent would otherwise read the same two rows each time. Revoking a token
# or deactivating a user empties it here (signals.py); other processes follow within
# LEARNING_TOKEN_CACHE_SECONDS.
_token_cache = SettingTTLCache(setting="LEARNING_TOKEN_CACHE_SECONDS", maxsize=10_000)


def token_cache_clear() -> None:
    _token_cache.clear()


def _token_for(key: str) -> ApiToken | None:
    digest = token_hash(key)
    cached = _token_cache.get(digest)
    if cached is not None:
        return cached
    token = ApiToken.objects.select_related("user").filter(key_hash=digest).first()
    if token is None or not token.user.is_active:
        _token_cache.pop(digest)
        return None
    _token_cache.set(digest, token)
    return token


def api_user(request):
    """The signed-in user, from `Authorization: Bearer <token>` or the session; None otherwise."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        token = _token_for(header.removeprefix("Bearer ").strip())
        if token is None:
            # Counted per address by django-axes; past the limit its middleware answers 429
            # with Retry-After instead of this 401. Good tokens never pay for the check.
            bearer_failed(request)
            return None
        now = timezone.now()
        # At most one write a minute: a beat every 15 s should not cost an extra commit each time.
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user
    return request.user if request.user.is_authenticated else None
