"""The channels a message leaves the site by: which one a person gets, and sending on it.

Everyone has the notifications page. Besides it a person gets ONE channel: the one they
chose, else settings.LMS_DELIVERY_CHANNEL, when they can be reached on it (SMS: a verified
number; WeChat: a bound openid; email: an address and EMAIL_HOST). When they cannot, email
is tried because it is free; SMS is never a fallback, because every text costs the county.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail

from lms.notifications.models import Channel, DeliveryChoice
from lms.sms import SmsError, sms_send, wechat_send

logger = logging.getLogger(__name__)

TITLE_CUT = 20  # characters of a title in a text message (provider variables are short)


class ChannelFailed(Exception):
    """One channel could not send; the delivery keeps it pending for the next run."""


@dataclass(frozen=True)
class Outgoing:
    """What one message says, whatever the channel."""

    template: str  # logical template: "digest" or "urgent_notice"
    count: int
    first_title: str
    subject: str
    body: str
    link: str  # absolute, for messages read outside the site


def _choice(user) -> DeliveryChoice | None:
    try:
        return user.delivery_choice
    except DeliveryChoice.DoesNotExist:
        return None


def channel_reachable(*, user, channel: str) -> bool:
    choice = _choice(user)
    if channel == Channel.SMS:
        return bool(user.phone and user.phone_verified_at)
    if channel == Channel.WECHAT:
        return bool(choice and choice.wechat_openid)
    if channel == Channel.EMAIL:
        return bool(settings.EMAIL_HOST and user.email)
    return channel == Channel.NONE


def channels_open(*, user) -> list[str]:
    """The channels this person could choose now (always ends with "only on this site")."""
    return [c for c in Channel.values if channel_reachable(user=user, channel=c)]


def channel_chosen(*, user) -> str:
    """What the person asked for (or the default), even when it cannot reach them now."""
    choice = _choice(user)
    return choice.channel if choice else settings.LMS_DELIVERY_CHANNEL


def channel_for(*, user) -> str:
    """The one channel besides the site this person's messages go by now ("none": none)."""
    wanted = channel_chosen(user=user)
    if channel_reachable(user=user, channel=wanted):
        return wanted
    if wanted != Channel.NONE and channel_reachable(user=user, channel=Channel.EMAIL):
        return Channel.EMAIL
    return Channel.NONE


def sms_params(message: Outgoing) -> dict[str, str]:
    """Short, in a stable order (Tencent templates take them by position)."""
    title = message.first_title[:TITLE_CUT]
    if message.template == "digest":
        return {"count": str(message.count), "title": title, "link": message.link}
    return {"title": title, "link": message.link}


def channel_send(*, channel: str, user, message: Outgoing) -> None:
    """Send on one channel or raise ChannelFailed; the log names the user id, never the
    number, address or openid."""
    if not channel_reachable(user=user, channel=channel):  # the number or address went since
        logger.warning("delivery by %s failed for user %s: unreachable", channel, user.pk)
        raise ChannelFailed(channel)
    try:
        if channel == Channel.SMS:
            sms_send(to=user.phone, template=message.template, params=sms_params(message))
        elif channel == Channel.WECHAT:
            wechat_send(
                to=_choice(user).wechat_openid,
                template=message.template,
                params=sms_params(message),
            )
        elif channel == Channel.EMAIL:
            send_mail(message.subject, message.body, None, [user.email], fail_silently=False)
    except (SmsError, smtplib.SMTPException, OSError) as error:
        logger.warning(
            "delivery by %s failed for user %s: %s", channel, user.pk, type(error).__name__
        )
        raise ChannelFailed(channel) from error
