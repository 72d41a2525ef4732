from django.conf import settings
from django.utils.translation import gettext

# The name the site ships with; a county that sets SITE_NAME gets its own name as written.
DEFAULT_SITE_NAME = "网上家长学校"


def site_settings(request) -> dict:
    name = settings.WAGTAIL_SITE_NAME
    if name == DEFAULT_SITE_NAME:
        name = gettext("Online Parent School")  # Chinese: the same 网上家长学校
    return {"SITE_NAME": name}
