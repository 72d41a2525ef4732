"""Chinese text for search: segmentation with a family-education dictionary, query terms
and synonym expansion. Both backends index and query through these functions, so they
find the same words.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MAX_QUERY_CHARS = 100
# Words that carry no topic in a parent's question ("孩子发脾气怎么办" → 发脾气).
_STOPWORD_TEXT = (
    "的 了 吗 呢 吧 啊 呀 么 是 在 和 与 及 或 就 都 也 还 又 很 太 要 会 能 可以 把 被 让 给 对 "
    "我 我们 你 你们 他 她 它 他们 这 那 这个 那个 怎么 怎么办 怎样 如何 为什么 什么 哪些 有 没有 "
    "一个 一些 应该 该 家长 孩子 小孩 宝宝"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"\w+", re.UNICODE)
_lock = threading.Lock()


@cache
def _tokenizer():
    """jieba with the user dictionary, loaded once per process (about a second)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.load_userdict(str(DATA / "userdict.txt"))
        for group in _file_synonyms():
            for term in group:
                # Only unknown words: lowering a common word's frequency to 20 (安全, 运动)
                # would change how everything around it is cut.
                if not tokenizer.FREQ.get(term):
                    tokenizer.add_word(term, freq=20)
    return tokenizer


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def _words(tokens) -> list[str]:
    return [token for token in tokens if _WORD.fullmatch(token)]


def index_text(text: str) -> str:
    """Segmented text for an index: words and their sub-words ('家校共育' → 家校 共育 家校共育)."""
    return " ".join(_words(_tokenizer().cut_for_search(normalize(text))))


def query_terms(query: str) -> list[str]:
    """The words of a query and their sub-words ('法律责任' → 法律 责任 法律责任), stop words
    dropped (unless nothing else is left)."""
    words = _words(_tokenizer().cut_for_search(normalize(query)[:MAX_QUERY_CHARS]))
    meaningful = [word for word in words if word not in STOPWORDS]
    return list(dict.fromkeys(meaningful or words))


def _parse_groups(lines) -> list[tuple[str, ...]]:
    groups = []
    for line in lines:
        line = line.split("#", 1)[0]
        terms = tuple(dict.fromkeys(normalize(t) for t in re.split(r"[,，、]", line) if t.strip()))
        if len(terms) > 1:
            groups.append(terms)
    return groups


@cache
def _file_synonyms() -> tuple[tuple[str, ...], ...]:
    return tuple(_parse_groups((DATA / "synonyms.txt").read_text(encoding="utf-8").splitlines()))


def expand(terms: list[str], groups: list[tuple[str, ...]]) -> list[str]:
    """Each term with its synonyms, the term itself first."""
    expanded: dict[str, None] = {}
    for term in terms:
        expanded[term] = None
        for group in groups:
            if term in group:
                expanded.update(dict.fromkeys(group))
    return list(expanded)


def parse_synonym_lines(text: str) -> list[tuple[str, ...]]:
    return _parse_groups(text.splitlines())


@dataclass(frozen=True)
class Segmented:
    """A document's text as index words, per weighted field."""

    title: str
    topics: str
    summary: str
    body: str


def segment(title: str, topics: str, summary: str, body: str) -> Segmented:
    return Segmented(index_text(title), index_text(topics), index_text(summary), index_text(body))


PARALLEL_FROM = 2000  # below this, starting worker processes costs more than it saves


def segment_all(fields: list[tuple[str, str, str, str]]) -> list[Segmented]:
    """Segment many documents, on every core when there are many (jieba is pure Python)."""
    workers = os.cpu_count() or 1
    if len(fields) >= PARALLEL_FROM and workers > 1:
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                return list(pool.map(_segment_tuple, fields, chunksize=250))
        except (AssertionError, OSError, RuntimeError, BrokenProcessPool):
            # e.g. inside a daemonic Celery worker, which may not start processes
            pass
    return [_segment_tuple(item) for item in fields]


def _segment_tuple(item: tuple[str, str, str, str]) -> Segmented:
    return segment(*item)
