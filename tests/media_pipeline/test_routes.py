"""Which queue each media task goes to: encodes on their own, the quick check never behind them."""

from django.conf import settings

from lms.celery import app


def test_the_check_goes_to_the_default_queue():
    route = app.amqp.router.route({}, "media.check")
    assert route["queue"].name == app.conf.task_default_queue != settings.MEDIA_QUEUE


def test_encodes_go_to_the_media_queue():
    assert app.amqp.router.route({}, "media.transcode")["queue"].name == settings.MEDIA_QUEUE
