"""Getting an SMS code the way a person would: ask for it, read the text message."""

from __future__ import annotations

from lms.accounts.phone import phone_normalize
from lms.sms.backends import locmem


def last_code(phone: str) -> str:
    """The code in the newest text message to `phone` (the test backend's outbox)."""
    number = phone_normalize(phone) or phone
    for message in reversed(locmem.outbox):
        if message.to == number:
            return message.params["code"]
    raise AssertionError(f"no text message to {phone}")


def code_request(client, path: str, phone: str, **extra) -> str:
    """Ask `path` for a code for `phone` (step one of the form) and return it."""
    response = client.post(path, {"phone": phone, "send": "1", **extra})
    assert response.status_code == 200, response.status_code
    return last_code(phone)


def register(client, phone: str, password: str, **extra):
    """Register through the two steps of /accounts/register/."""
    code = code_request(client, "/accounts/register/", phone)
    data = {"phone": phone, "code": code, "password1": password, "password2": password, **extra}
    return client.post("/accounts/register/", data)
