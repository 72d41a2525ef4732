"""Links in the site header that belong to a higher app (e.g. "School work" for school staff).

templates/base.html is shared by every app, so it must not load a higher app's tags. Instead
an app registers its link from its AppConfig.ready():

    header_link_register(url_name="schools:home", label=_("School work"), shown=is_school_staff)

`shown(user) -> bool` decides per request; `{% header_links as links %}` (core_tags) gives the
links shown to the signed-in user, in the order they were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class HeaderLink:
    url_name: str
    label: str
    shown: Callable[..., bool]


@dataclass(frozen=True)
class HeaderLinkShown:
    url: str
    label: str


_links: dict[str, HeaderLink] = {}


def header_link_register(*, url_name: str, label, shown: Callable[..., bool]) -> None:
    """Keyed by url name, so a second ready() (tests, autoreload) replaces rather than repeats."""
    _links[url_name] = HeaderLink(url_name=url_name, label=label, shown=shown)


def header_links_for(*, user) -> list[HeaderLinkShown]:
    if not user.is_authenticated:
        return []
    return [
        HeaderLinkShown(url=reverse(link.url_name), label=link.label)
        for link in _links.values()
        if link.shown(user)
    ]
