"""Notice attachments: a short allow-list of types, a size limit, and storage as Wagtail
documents or images in one restricted collection ("通知附件").

Files are stored under random names and the collection carries a view restriction nobody
but a superuser passes, so neither Wagtail's document URL nor a guessed media path shows a
class list to anyone; families get the file through the notices' own view.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from lms.core.errors import ServiceError

COLLECTION_NAME = "通知附件"
# Extension → (content type, how its first bytes start). A renamed file is refused.
_ZIP, _OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0",)
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "doc": ("application/msword", _OLE),
    "xls": ("application/vnd.ms-excel", _OLE),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
IMAGES = {"jpg", "jpeg", "png"}
MAX_FILES = 5


@dataclass(frozen=True)
class Checked:
    name: str
    extension: str
    content: bytes


def attachment_check(*, upload) -> Checked:
    """The upload's type and size, or a ServiceError on the attachments field."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:120]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = "、".join(sorted({"pdf", "docx", "xlsx", "doc", "xls", "jpg", "png"}))
    if extension not in TYPES:
        raise ServiceError(
            _("%(name)s: this type of file cannot be attached (allowed: %(types)s).")
            % {"name": name or "?", "types": allowed},
            field="attachments",
        )
    limit = settings.LMS_NOTICE_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ServiceError(
            _("%(name)s is larger than %(mb)s MB.") % {"name": name, "mb": limit // (1024 * 1024)},
            field="attachments",
        )
    upload.seek(0)
    content = upload.read()
    if not content.startswith(TYPES[extension][1]):
        raise ServiceError(
            _("%(name)s is not really a %(type)s file.") % {"name": name, "type": extension},
            field="attachments",
        )
    return Checked(name=name, extension=extension, content=content)


def attachments_collection_ensure() -> Collection:
    """The notices' collection under the root, with its restriction (idempotent)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        # A group restriction with no group: only superusers pass Wagtail's own serve view.
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    return collection


def attachment_store(*, checked: Checked, collection: Collection, uploaded_by):
    """A Wagtail image (jpg, png) or document (the rest) holding the file, under a random
    name. Returns (document, image), one of them None."""
    stored_name = f"{secrets.token_urlsafe(16)}.{checked.extension}"
    content = ContentFile(checked.content, name=stored_name)
    if checked.extension in IMAGES:
        image = get_image_model()(
            title=checked.name, collection=collection, uploaded_by_user=uploaded_by
        )
        image.file.save(stored_name, content, save=False)
        image.file_size = len(checked.content)
        image.save()
        return None, image
    document = get_document_model()(
        title=checked.name, collection=collection, uploaded_by_user=uploaded_by
    )
    document.file.save(stored_name, content, save=False)
    document.file_size = len(checked.content)
    document.save()
    return document, None


def content_type_of(extension: str) -> str:
    return TYPES.get(extension, ("application/octet-stream",))[0]
