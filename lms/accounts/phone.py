"""Mainland China mobile numbers, as parents type them."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Spaces, dashes and dots people put in numbers, and the country code.
_SEPARATORS = re.compile(r"[\s\-.()（）]")


def phone_normalize(raw: str) -> str | None:
    """The 11-digit number in `raw`, or None when it is not a mobile number.

    Accepts '138 0013 8000', '138-0013-8000', '+86 13800138000', '008613800138000'
    and full-width digits.
    """
    text = _SEPARATORS.sub("", raw.strip()).translate(_FULL_WIDTH_DIGITS)
    for prefix in ("+86", "0086", "86"):
        if text.startswith(prefix) and len(text) == len(prefix) + 11:
            text = text[len(prefix) :]
            break
    return text if _MOBILE.fullmatch(text) else None


def validate_phone(value: str) -> None:
    if phone_normalize(value) != value:
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number, such as 13800138000."),
            code="invalid_phone",
        )


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋", "0123456789+")
