"""The catalogue's providers, registered by search itself (search → courses): pages (courses,
lessons, talks; keyed ``page:<id>``) and lecturers (``lecturer:<id>``). Everything is read
through ``courses.documents``."""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from courses.documents import (
    catalogue_documents_for_lecturer,
    catalogue_documents_for_page,
    catalogue_lecturer_documents,
    catalogue_page_documents,
)
from courses.models import Lecturer
from search.providers import (
    SearchChange,
    SearchProvider,
    SearchType,
    Watch,
    provider_register,
    watch_model,
)


def _page_change(page_id: int) -> SearchChange:
    # A course carries its lessons (they inherit its stages and topics) and its lecturers.
    documents, removed = catalogue_documents_for_page(page_id=page_id)
    return SearchChange(documents=documents, removed=removed)


def _lecturer_change(lecturer_id: int) -> SearchChange:
    documents, removed = catalogue_documents_for_lecturer(lecturer_id=lecturer_id)
    return SearchChange(documents=documents, removed=removed)


def _is_page(instance) -> bool:
    return isinstance(instance, Page)


PAGES = SearchProvider(
    kind="page",
    label=_("Catalogue"),
    # Browsing lists courses, talks, then lessons; the type filter courses, lessons, talks.
    types=(
        SearchType("course", _("Courses"), order=0),
        SearchType("lesson", _("Lessons"), order=2),
        SearchType("talk", _("Talks"), order=1),
    ),
    documents=catalogue_page_documents,
    documents_for=_page_change,
    watches=(
        Watch(page_published),
        Watch(page_unpublished),
        Watch(post_delete, applies=_is_page),  # every page model sends its own
    ),
    order=0,
)

LECTURERS = SearchProvider(
    kind="lecturer",
    label=_("Lecturers"),
    types=(SearchType("lecturer", _("Lecturers"), order=3),),
    documents=catalogue_lecturer_documents,
    documents_for=_lecturer_change,
    watches=watch_model(Lecturer),
    order=10,
)


def catalogue_register() -> None:
    provider_register(PAGES)
    provider_register(LECTURERS)
