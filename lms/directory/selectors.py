"""Reads of the resource directory: the listing and, for search, its documents."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from courses.documents import CatalogueDocument
from courses.vocabulary import MAX_CHILD_AGE, stages_for_age
from lms.directory.models import Venue


@dataclass(frozen=True)
class DirectoryFilters:
    township: str = ""
    kind: str = ""
    age: int | None = None


def directory_filters_parse(params) -> DirectoryFilters:
    """Lenient: anything unknown is ignored."""
    age = str(params.get("age") or "")
    kind = params.get("type") if params.get("type") in Venue.Kind.values else ""
    return DirectoryFilters(
        township=str(params.get("township") or "")[:40],
        kind=kind,
        age=int(age) if age.isdigit() and int(age) <= MAX_CHILD_AGE else None,
    )


def venues_listed(*, filters: DirectoryFilters | None = None) -> QuerySet[Venue]:
    venues = Venue.objects.filter(published=True).prefetch_related("stages")
    if filters:
        if filters.township:
            venues = venues.filter(township=filters.township)
        if filters.kind:
            venues = venues.filter(kind=filters.kind)
        if filters.age is not None:
            venues = venues.filter(stages__code__in=stages_for_age(filters.age)).distinct()
    return venues


def townships() -> list[str]:
    return list(
        Venue.objects.filter(published=True)
        .order_by("township")
        .values_list("township", flat=True)
        .distinct()
    )


def venue_key(venue_id: int) -> str:
    return f"venue:{venue_id}"


def directory_documents(*, venue_ids: list[int] | None = None) -> list[CatalogueDocument]:
    """Listed venues as search documents (type "venue")."""
    venues = venues_listed()
    if venue_ids is not None:
        venues = venues.filter(pk__in=venue_ids)
    base = reverse("directory")
    # Indexed in the site's language whoever triggers it, so 图书馆 finds libraries even
    # after an edit made in the English interface.
    with translation.override(settings.LANGUAGE_CODE):
        return _venue_documents(venues, base)


def _venue_documents(venues, base: str) -> list[CatalogueDocument]:
    return [
        CatalogueDocument(
            key=venue_key(venue.pk),
            type="venue",
            title=venue.name,
            summary=f"{venue.get_kind_display()} · {venue.township} · {venue.student_policy}",
            body=" ".join([venue.summary, venue.address, venue.opening_hours]),
            stages=tuple(stage.code for stage in venue.stages.all()),
            topics=tuple(venue.topic_list),
            lecturers=(),
            date=None,
            url=f"{base}#venue-{venue.pk}",
        )
        for venue in venues
    ]
