"""What both backends take and return, and the facet rules they share."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from courses.vocabulary import CURATED_TOPICS, STAGES, topic_label
from search.providers import search_types, type_label

STAGE_LABELS = {stage.code: stage.label for stage in STAGES}  # lazy: the visitor's language
# Types, their labels and their browse order come from the providers (search.providers).
# A browse (no text) lists by type order, then newest first, then title, then url, on both
# backends.
PAGE_SIZE = 10
MAX_PAGE = 100


def text_fields(document) -> tuple[str, str, str, str]:
    """What is segmented for a document: title, topics and lecturers, summary, body."""
    return (
        document.title,
        " ".join((*document.topics, *document.lecturers)),
        document.summary,
        document.body,
    )


def segmented_pairs(documents, segmented=None):
    """(document, Segmented) pairs, segmenting here unless the caller already did."""
    from search.text import segment_all

    documents = list(documents)
    if segmented is None:
        segmented = segment_all([text_fields(document) for document in documents])
    return list(zip(documents, segmented, strict=True))


class SearchUnavailable(RuntimeError):
    """The backend did not answer (down, slow or refusing); the caller falls back."""


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    stages: tuple[str, ...] = ()  # any of these (an age selects the stages covering it)
    topic: str | None = None
    type: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE

    def filters(self) -> dict[str, object]:
        return {
            name: value
            for name, value in (("stage", self.stages), ("topic", self.topic), ("type", self.type))
            if value
        }


@dataclass(frozen=True)
class Hit:
    key: str
    type: str
    title: str
    url: str
    stages: list[str]
    topics: list[str]
    snippet: str
    # The title and snippet as escaped HTML with the matched words in <mark>.
    title_html: SafeString = mark_safe("")  # noqa: RUF009 - an immutable string
    snippet_html: SafeString = mark_safe("")  # noqa: RUF009

    @property
    def type_label(self) -> str:
        return type_label(self.type)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResponse:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    backend: str
    page: int = 1
    page_size: int = PAGE_SIZE
    terms: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "total": self.total,
            "page": self.page,
            "results": [
                {
                    "type": hit.type,
                    "title": hit.title,
                    "url": hit.url,
                    "stages": hit.stages,
                    "topics": hit.topics,
                    "snippet": hit.snippet,
                    "title_html": str(hit.title_html),
                    "snippet_html": str(hit.snippet_html),
                }
                for hit in self.hits
            ],
            "facets": {
                name: [{"value": v.value, "label": str(v.label), "count": v.count} for v in values]
                for name, values in self.facets.items()
            },
        }


def facet_values(name: str, counts: dict[str, int]) -> list[FacetValue]:
    """Every value with a count (no cut at 10), in the vocabulary's order where it has one."""
    if name == "stage":
        order = [stage.code for stage in STAGES]
        return [FacetValue(c, STAGE_LABELS[c], counts[c]) for c in order if counts.get(c)]
    if name == "type":
        return [FacetValue(t, type_label(t), counts[t]) for t in search_types() if counts.get(t)]
    curated = {topic: n for n, topic in enumerate(CURATED_TOPICS)}
    ordered = sorted(
        (value for value, count in counts.items() if count),
        key=lambda v: (-counts[v], curated.get(v, len(curated)), v),
    )
    return [FacetValue(value, topic_label(value), counts[value]) for value in ordered]


def snippet(summary: str, body: str, terms: list[str], *, width: int = 80) -> str:
    """The summary, or a window of the body around the first term it contains."""
    text = " ".join((body or "").split())
    for term in terms:
        at = text.lower().find(term.lower())
        if at >= 0:
            start = max(0, at - width // 3)
            piece = text[start : start + width]
            return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
    if summary:
        return summary[:width] + ("…" if len(summary) > width else "")
    return text[:width] + ("…" if len(text) > width else "")


MAX_MARKED_WORDS = 40


def highlight(text: str, words: list[str]) -> SafeString:
    """`text` escaped, with every occurrence of the words in <mark>; overlapping or touching
    matches make one mark (写作 + 作业 → 写作业). Single characters are marked only when they
    are all the query has, so one common character does not light up every line."""
    text = text or ""
    chosen = sorted({w for w in words if w and w.strip()}, key=len, reverse=True)
    if any(len(w) > 1 for w in chosen):
        chosen = [w for w in chosen if len(w) > 1]
    chosen = chosen[:MAX_MARKED_WORDS]
    marked = [False] * len(text)
    for word in chosen:
        for match in re.finditer(re.escape(word), text, re.IGNORECASE):
            marked[match.start() : match.end()] = [True] * (match.end() - match.start())
    pieces, at = [], 0
    while at < len(text):
        end = at
        while end < len(text) and marked[end] == marked[at]:
            end += 1
        piece = html.escape(text[at:end])
        pieces.append(f"<mark>{piece}</mark>" if marked[at] else piece)
        at = end
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def hit_make(*, key, type, title, url, stages, topics, snippet_text, words) -> Hit:
    """A hit with its highlighted title and snippet; both backends build hits here."""
    return Hit(
        key=key,
        type=type,
        title=title,
        url=url,
        stages=stages,
        topics=topics,
        snippet=snippet_text,
        title_html=highlight(title, words),
        snippet_html=highlight(snippet_text, words),
    )
