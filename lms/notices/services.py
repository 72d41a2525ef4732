"""Writes for notices: posting (with attachments), announcing at publish time, withdrawing,
and a family's read mark and confirmation."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError
from lms.notices import selectors
from lms.notices.attachments import (
    MAX_FILES,
    attachment_check,
    attachment_store,
    attachments_collection_ensure,
)
from lms.notices.models import BODY_MAX, TITLE_MAX, Attachment, Confirmation, Notice, Reading
from lms.notifications.models import Notification
from lms.notifications.services import notification_send, notifications_recall
from lms.schools.models import School, SchoolClass

logger = logging.getLogger(__name__)


def _audience_check(
    *, author, school: School, audience: str, grade: str, classes: list[SchoolClass]
) -> None:
    """A school administrator may address anything in their school; a teacher only the
    classes they head or teach."""
    is_admin = selectors.schools_postable_to_all(user=author).filter(pk=school.pk).exists()
    if audience == Notice.Audience.CLASSES:
        if not classes:
            raise ServiceError(_("Choose at least one class."), field="classes")
        allowed = set(selectors.classes_postable(user=author).values_list("pk", flat=True))
        if any(c.school_id != school.pk or c.pk not in allowed for c in classes):
            raise ServiceError(
                _("You can only send a notice to your own classes."), field="classes"
            )
    elif audience in (Notice.Audience.GRADE, Notice.Audience.SCHOOL):
        if not is_admin:
            raise ServiceError(
                _("Only a school administrator can address a grade or the whole school."),
                field="audience",
            )
        if audience == Notice.Audience.GRADE and not grade:
            raise ServiceError(_("Choose the grade."), field="grade")
    else:
        raise ServiceError(_("Choose who the notice is for."), field="audience")


def notice_create(
    *,
    author,
    school: School,
    audience: str,
    title: str,
    body: str,
    asks_confirmation: bool = False,
    urgent: bool = False,
    grade: str = "",
    classes: list[SchoolClass] | None = None,
    publish_at: datetime | None = None,
    files: list | None = None,
    now: datetime | None = None,
) -> Notice:
    """Post a notice; announced now when `publish_at` has come, else by the periodic task.

    Every file is checked before anything is written, so a refused file loses nothing else.
    """
    now = now or timezone.now()
    title, body = (title or "").strip(), (body or "").strip()
    classes, files = list(classes or []), list(files or [])
    if not title:
        raise ServiceError(_("Give the notice a title."), field="title")
    if len(title) > TITLE_MAX:
        raise ServiceError(
            _("The title is at most %(count)s characters.") % {"count": TITLE_MAX}, field="title"
        )
    if not body:
        raise ServiceError(_("Write the text of the notice."), field="body")
    if len(body) > BODY_MAX:
        raise ServiceError(
            _("The text is at most %(count)s characters (this one has %(length)s).")
            % {"count": BODY_MAX, "length": len(body)},
            field="body",
        )
    _audience_check(author=author, school=school, audience=audience, grade=grade, classes=classes)
    if urgent and not selectors.schools_postable_to_all(user=author).filter(pk=school.pk).exists():
        raise ServiceError(
            _("Only a school administrator can mark a notice urgent."), field="urgent"
        )
    if publish_at is not None and publish_at < now - timedelta(hours=1):
        # A date in the past would file the notice under that day, below everything newer.
        raise ServiceError(
            _("The publishing time has passed. Leave it empty to publish now."),
            field="publish_at",
        )
    if len(files) > MAX_FILES:
        raise ServiceError(
            _("At most %(count)s attachments.") % {"count": MAX_FILES}, field="attachments"
        )
    checked = [attachment_check(upload=upload) for upload in files]
    with transaction.atomic():
        notice = Notice.objects.create(
            school=school,
            audience=audience,
            grade=grade if audience == Notice.Audience.GRADE else "",
            title=title,
            body=body,
            asks_confirmation=asks_confirmation,
            urgent=urgent,
            publish_at=publish_at or now,
            author=author,
        )
        if audience == Notice.Audience.CLASSES:
            notice.classes.set(classes)
        if checked:
            collection = attachments_collection_ensure()
            for item in checked:
                try:
                    document, image = attachment_store(
                        checked=item, collection=collection, uploaded_by=author
                    )
                except (OSError, ValueError) as error:  # an image Pillow cannot read
                    raise ServiceError(
                        _("%(name)s could not be read.") % {"name": item.name},
                        field="attachments",
                    ) from error
                Attachment.objects.create(
                    notice=notice,
                    document=document,
                    image=image,
                    name=item.name,
                    extension=item.extension,
                    size=len(item.content),
                )
        if notice.publish_at <= now:
            notice_announce(notice_id=notice.pk, now=now)
    return notice


def notice_announce(*, notice_id: int, now: datetime | None = None) -> int:
    """Notify the notice's families once. The notice is marked in the same transaction as
    the notifications, and the mark is a conditional update: a second (or concurrent) run
    finds it marked and sends nothing. Returns how many were notified."""
    now = now or timezone.now()
    with transaction.atomic():
        marked = Notice.objects.filter(
            pk=notice_id, notified_at__isnull=True, withdrawn_at__isnull=True, publish_at__lte=now
        ).update(notified_at=now)
        if not marked:
            return 0
        notice = Notice.objects.select_related("school").get(pk=notice_id)
        url = reverse("notices:detail", args=[notice.pk])
        user_ids = selectors.notice_recipients(notice=notice)
        for user in get_user_model().objects.filter(pk__in=user_ids):
            notification_send(
                user=user,
                title=_("Notice: %(title)s") % {"title": notice.title},
                body=(
                    _("%(school)s asks you to confirm you have read it.")
                    if notice.asks_confirmation
                    else "%(school)s"
                )
                % {"school": notice.school.name},
                url=url,
                kind=Notification.Kind.NOTICE,
                urgent=notice.urgent,
            )
    return len(user_ids)


def notices_announce_due(*, now: datetime | None = None) -> int:
    """The periodic task: announce every notice whose time has come."""
    now = now or timezone.now()
    return sum(notice_announce(notice_id=pk, now=now) for pk in selectors.notices_due(now=now))


def notice_withdraw(*, notice: Notice, by, now: datetime | None = None) -> Notice:
    """撤回: families no longer see the notice's content (its page says it was withdrawn)."""
    if notice.withdrawn_at is not None:
        raise ServiceError(_("This notice was already withdrawn."), field="notice")
    notice.withdrawn_at, notice.withdrawn_by = now or timezone.now(), by
    with transaction.atomic():
        notice.save(update_fields=["withdrawn_at", "withdrawn_by"])
        # Not in this evening's digest, nor in an urgent text still waiting for the morning.
        notifications_recall(url=reverse("notices:detail", args=[notice.pk]))
    return notice


def notice_mark_read(*, notice: Notice, user, now: datetime | None = None) -> None:
    try:
        with transaction.atomic():
            Reading.objects.get_or_create(
                notice=notice, user=user, defaults={"read_at": now or timezone.now()}
            )
    except IntegrityError:
        pass  # two tabs opened it at once: it is read either way


def notice_confirm(*, notice: Notice, user, now: datetime | None = None) -> int:
    """ "I have read it" for each of the user's children the notice is for. Confirming again
    changes nothing. Returns how many children were newly confirmed."""
    now = now or timezone.now()
    if notice.withdrawn_at is not None:
        raise ServiceError(
            _("This notice was withdrawn by the school; there is nothing to confirm."),
            field="notice",
        )
    if notice.publish_at > now:
        raise ServiceError(_("This notice is not published yet."), field="notice")
    if not notice.asks_confirmation:
        raise ServiceError(_("This notice does not ask for confirmation."), field="notice")
    students = selectors.family_students_in(notice=notice, user=user)
    if not students:
        raise ServiceError(_("This notice is not addressed to your family."), field="notice")
    created = 0
    for student in students:
        try:
            with transaction.atomic():
                _row, made = Confirmation.objects.get_or_create(
                    notice=notice,
                    student=student,
                    defaults={"confirmed_by": user, "confirmed_at": now},
                )
        except IntegrityError:
            made = False  # the other guardian confirmed in the same instant
        created += int(made)
    notice_mark_read(notice=notice, user=user, now=now)
    return created
