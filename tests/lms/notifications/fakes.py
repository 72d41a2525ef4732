"""Providers that refuse, configured by dotted path like any real backend."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

from lms.sms import SmsError


class RefusingSmsBackend:
    def send(self, *, to, template, params):
        raise SmsError("provider refused: isv.BUSINESS_LIMIT_CONTROL")


class RefusingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")
