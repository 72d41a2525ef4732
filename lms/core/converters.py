"""URL converters. `<id:…>` is a database id: at most 18 digits, so a longer number is simply
not found (404) instead of overflowing the database's integer (a 500 with `<int:…>`)."""

from __future__ import annotations

ID_PATTERN = "[0-9]{1,18}"


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
