"""Panels a higher app shows on a lower app's page (the school's assignments on My learning).

A template of a lower floor must not load a higher app's template tags. Instead the page
names a slot, `{% load core_tags %}{% panels "my_learning" %}`, and an app fills it from its
AppConfig.ready():

    panel_register(slot="my_learning", template="schools/includes/family_assignments.html",
                   context=lambda request: {"items": ...})

`context(request) -> dict` is the panel template's whole context (as an inclusion tag's
would be). Panels render by `order`, then in the order they were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    context: Callable[..., dict]
    order: int = 100


_panels: dict[tuple[str, str], Panel] = {}


def panel_register(
    *, slot: str, template: str, context: Callable[..., dict], order: int = 100
) -> None:
    """Keyed by slot and template, so a second ready() replaces rather than repeats."""
    _panels[(slot, template)] = Panel(slot=slot, template=template, context=context, order=order)


def panels_for(*, slot: str) -> list[Panel]:
    # sorted() is stable: equal orders keep their registration order.
    return sorted((p for p in _panels.values() if p.slot == slot), key=lambda p: p.order)
