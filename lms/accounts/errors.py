"""The accounts app's one error type."""

from __future__ import annotations


class AccountError(ValueError):
    """A request accounts cannot honour; the message is shown to the person.

    `retry_after` is set (seconds) when the answer is "wait", so a view can say how long and an
    API can send Retry-After.
    """

    def __init__(self, message: str, *, field: str | None = None, retry_after: int | None = None):
        self.field = field
        self.retry_after = retry_after
        super().__init__(message)
