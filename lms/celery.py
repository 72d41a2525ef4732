"""The Celery app. Tasks live in each app's tasks.py and are found automatically."""

from celery import Celery

from lms.bootstrap import configure

configure()

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
