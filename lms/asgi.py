from lms.bootstrap import configure

configure()

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
