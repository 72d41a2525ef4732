from django.conf import settings


def site_settings(request) -> dict:
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}
