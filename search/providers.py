"""The registry of what search indexes: one provider per kind of object.

This is search's public face for other apps, as ``courses/documents.py`` is the catalogue's
face for search. Search imports no ``lms``; an app that wants its objects found registers a
provider, usually from its ``AppConfig.ready()``::

    from search.providers import SearchProvider, SearchType, provider_register, watch_model

    provider_register(
        SearchProvider(
            kind="venue",
            label=_("Venues"),
            types=(SearchType("venue", _("Venues"), order=4),),
            documents=venue_documents,
            documents_for=venue_document,
            watches=watch_model(Venue),
            order=20,
        )
    )

A provider declares:

- ``kind``: the stable prefix of its documents' keys (``venue`` → ``venue:<id>``). Keys are
  the identity of entries in both indexes: never rename a kind without a rebuild.
- ``label``: what the provider is called for people (its failures are logged with it).
- ``types``: the values of the API's and the index's ``type`` its documents carry, each with
  its label (the type filter and each result's line) and ``order`` (where its items come when
  browsing without text; the catalogue uses 0–3). The type filter lists the types of the
  providers by ``SearchProvider.order``, each provider's in the order it declares them.
- ``documents()``: every public document, for ``search_index rebuild``. An iterable of
  objects with the attributes of ``SearchDocument``; ``courses.documents.CatalogueDocument``
  is one.
- ``documents_for(object_id)``: after the object changed: its document, or ``None`` when it
  is gone or no longer public (its entry ``<kind>:<id>`` is then removed), or a
  ``SearchChange`` when one object carries others (a course carries its lessons).
- ``watches``: the signals that reindex one object; each sends ``instance``, whose ``pk`` is
  the object id. ``watch_model(Model)`` watches saves and deletes. The reindex is a Celery
  task (``search.reindex``) sent after the transaction commits; a broker that is away, or a
  provider that raises, is logged and never fails the save or the publish that caused it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from search.signals import watches_connect, watches_disconnect

# Where an item of a type no provider declares (an entry left by an app since removed) browses.
UNKNOWN_ORDER = 9


class SearchDocument(Protocol):
    """What both backends read of a document."""

    key: str  # "<kind>:<id>"
    type: str  # one of the provider's types
    title: str
    summary: str
    body: str
    stages: tuple[str, ...]  # stage codes
    topics: tuple[str, ...]
    lecturers: tuple[str, ...]  # names, searched with the topics
    date: date | None
    url: str


@dataclass(frozen=True)
class SearchChange:
    """After one object changed: what to (re)index and which keys to remove."""

    documents: list[Any]
    removed: list[str]


@dataclass(frozen=True)
class SearchType:
    name: str
    label: Any  # a lazy translation
    order: int


@dataclass(frozen=True)
class Watch:
    """A signal that reindexes the ``instance`` it sends."""

    signal: Signal
    sender: type | None = None  # None: from every sender
    applies: Callable[[Any], bool] | None = None  # only instances for which this holds


@dataclass(frozen=True)
class SearchProvider:
    kind: str
    label: Any
    types: tuple[SearchType, ...]
    documents: Callable[[], Iterable[Any]]
    documents_for: Callable[[int], Any]
    watches: tuple[Watch, ...] = ()
    order: int = 100


_providers: dict[str, SearchProvider] = {}


def watch_model(model: type) -> tuple[Watch, ...]:
    """Saves and deletes of `model` reindex the object."""
    return (Watch(post_save, model), Watch(post_delete, model))


def document_key(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def provider_register(provider: SearchProvider) -> None:
    """Add `provider` and connect its watches. Registering an equal provider again (a second
    ready()) does nothing; another one for a kind or type already taken is an error."""
    held = _providers.get(provider.kind)
    if held == provider:
        return
    if held is not None:
        raise ValueError(f"search provider kind {provider.kind!r} is already registered")
    taken = {kind.name for other in _providers.values() for kind in other.types}
    clash = taken & {kind.name for kind in provider.types}
    if clash:
        raise ValueError(f"search types already provided: {sorted(clash)}")
    _providers[provider.kind] = provider
    watches_connect(provider)


def provider_unregister(kind: str) -> None:
    """Remove a provider and disconnect its watches (tests; an app being switched off)."""
    provider = _providers.pop(kind, None)
    if provider is not None:
        watches_disconnect(provider)


def provider_get(kind: str) -> SearchProvider | None:
    return _providers.get(kind)


def providers() -> list[SearchProvider]:
    """In their declared order (then by kind), which is also the rebuild's order."""
    return sorted(_providers.values(), key=lambda provider: (provider.order, provider.kind))


def search_types() -> tuple[str, ...]:
    """Every type, in the type filter's order."""
    return tuple(kind.name for provider in providers() for kind in provider.types)


def _type(name: str) -> SearchType | None:
    for provider in _providers.values():
        for kind in provider.types:
            if kind.name == name:
                return kind
    return None


def type_label(name: str) -> str:
    kind = _type(name)
    return str(kind.label) if kind else name


def type_order(name: str) -> int:
    kind = _type(name)
    return kind.order if kind else UNKNOWN_ORDER
