"""The public certificate check, at /verify/<code>/ (the address printed in the QR code)."""

from django.urls import path

from lms.learning.views import verify

urlpatterns = [
    path("<str:code>/", verify, name="verify"),
]
