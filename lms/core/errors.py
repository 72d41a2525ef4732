"""The one error type of the lms apps' services."""

from __future__ import annotations


class ServiceError(Exception):
    """A request a service cannot honour; the message is shown to the person.

    `field` names the form field the message belongs to (None: the form as a whole).
    `retry_after` is set (seconds) when the answer is "wait", so a page can count down and an
    API can send Retry-After.
    """

    def __init__(self, message: str, *, field: str | None = None, retry_after: int | None = None):
        self.field = field
        self.retry_after = retry_after
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self)
