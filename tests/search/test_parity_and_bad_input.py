"""The demo catalogue on both backends: a browse by facets alone answers the same on each,
matched words are highlighted safely, and bad input is answered, never a 500."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from courses.vocabulary import MAX_CHILD_AGE, STAGE_CODES
from search.backends.base import SearchQuery, highlight
from search.backends.database import DatabaseBackend
from search.providers import search_types
from search.selectors import search_query_parse, search_run
from search.services import search_rebuild

pytestmark = pytest.mark.django_db
ALL = 1000  # one page holding every match, so whole result lists are compared


@pytest.fixture
def demo_catalogue(tmp_path, monkeypatch):
    from courses import demo

    monkeypatch.setattr(demo, "demo_media_make", lambda media_dir: False)  # text is enough
    demo.demo_catalog_load(media_dir=tmp_path)


@pytest.fixture(
    params=["database", pytest.param("elasticsearch", marks=pytest.mark.services("elasticsearch"))]
)
def backend(request, demo_catalogue, settings):
    """The demo catalogue indexed, searched through the named backend."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        search_rebuild()
        yield request.param
        return
    from search.backends.elastic import ElasticsearchBackend

    elastic = ElasticsearchBackend()
    elastic.drop()
    try:
        search_rebuild()
        yield request.param
    finally:
        elastic.drop()


@pytest.fixture
def both(demo_catalogue):
    """The demo catalogue in the database index and in Elasticsearch."""
    from search.backends.elastic import ElasticsearchBackend

    elastic = ElasticsearchBackend()
    elastic.drop()
    assert [r.backend for r in search_rebuild()] == ["database", "elasticsearch"]
    yield elastic
    elastic.drop()


def _facet_browses():
    """Every facet value of the demo catalogue alone, and a few pairs."""
    browses = [f"stage={code}" for code in STAGE_CODES]
    browses += [f"age={age}" for age in range(MAX_CHILD_AGE + 1)]
    browses += [f"type={kind}" for kind in search_types()]
    return browses


def _demo_topics():
    import json

    from courses.demo import CATALOG

    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    return sorted({t for item in [*data["courses"], *data["talks"]] for t in item["topics"]})


BROWSES = [
    *_facet_browses(),
    *[f"topic={topic}" for topic in _demo_topics()],
    "topic=劳动教育&type=lesson",
    "topic=亲子沟通&age=8",
    "stage=junior&type=course",
    "",
]


@pytest.mark.services("elasticsearch")
def test_a_browse_by_facets_alone_answers_the_same_on_both_backends(both):
    for browse in BROWSES:
        parsed = search_query_parse(QueryDict(browse))
        whole = SearchQuery(
            stages=parsed.stages, topic=parsed.topic, type=parsed.type, page_size=ALL
        )
        es, db = both.search(whole, [], []), DatabaseBackend().search(whole, [], [])
        assert es.total == db.total, browse
        assert [h.key for h in es.hits] == [h.key for h in db.hits], browse
        assert es.facets == db.facets, browse
        # And the first page a parent sees is the same page.
        first_es, first_db = both.search(parsed, [], []), DatabaseBackend().search(parsed, [], [])
        assert [h.key for h in first_es.hits] == [h.key for h in first_db.hits], browse
    labour = DatabaseBackend().search(SearchQuery(topic="劳动教育", page_size=ALL), [], [])
    assert labour.total >= 4  # the parity above compared real answers, not two empty lists


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("不爱写作业", "写作业不磨蹭：陪孩子养成好的作业习惯"),
        ("孩子写作业磨蹭", "写作业不磨蹭：陪孩子养成好的作业习惯"),
        ("二胎", "二孩家庭：老大老二怎样相处"),
        ("二孩", "二孩家庭：老大老二怎样相处"),
    ],
)
def test_what_parents_type_finds_the_course_or_talk_about_it(backend, typed, expected):
    response = search_run(search_query_parse(QueryDict(f"q={typed}")))
    assert response.backend == backend
    assert expected in [hit.title for hit in response.hits[:3]]


def test_matched_words_are_marked_in_titles_and_snippets(backend, client):
    data = client.get(reverse("search_api"), {"q": "不爱写作业"}).json()
    course = next(r for r in data["results"] if r["title"].startswith("写作业不磨蹭"))
    assert course["title"] == "写作业不磨蹭：陪孩子养成好的作业习惯"  # unchanged
    assert course["title_html"].startswith("<mark>写作业</mark>不<mark>磨蹭</mark>")
    assert "<mark>不爱写作业</mark>" in course["snippet_html"]
    body = client.get(reverse("search"), {"q": "二胎"}).content.decode()
    assert "<mark>二孩</mark>家庭" in body  # a synonym is marked too


def test_markup_in_content_or_query_never_becomes_markup():
    marked = highlight('<img src=x onerror="alert(1)"> 作业 &amp;', ["作业", "img"])
    assert "<img" not in marked and "&lt;<mark>img</mark>" in marked
    assert "<mark>作业</mark>" in marked and "&amp;amp;" in marked
    # A query word holding markup is escaped inside the mark too.
    assert highlight("a <b> c", ["<b>"]) == "a <mark>&lt;b&gt;</mark> c"
    assert highlight("<b>x</b>", []) == "&lt;b&gt;x&lt;/b&gt;"
    # Touching matches make one mark; one common character alone is not marked beside real words.
    assert highlight("写作业", ["写作", "作业", "业"]) == "<mark>写作业</mark>"
    assert highlight("写作业", ["业"]) == "写作<mark>业</mark>"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "！？。，、……——"},
        {"q": "😀🙏👍"},
        {"q": "<>{}[]()*:\"'\\"},
        {"q": "作业" * 500},
        {"q": "长" * 1000},
        {"topic": "不存在的话题"},
        {"stage": "grade13"},
        {"type": "nonsense"},
        {"age": "200"},
        {"q": "作业", "topic": "不存在的话题", "age": "99", "page": "9999"},
    ],
)
def test_bad_input_is_answered_never_a_500(backend, client, params):
    api = client.get(reverse("search_api"), params)
    assert api.status_code == 200
    data = api.json()
    assert data["total"] >= 0 and set(data["facets"]) == {"stage", "topic", "type"}
    page = client.get(reverse("search"), params)
    assert page.status_code == 200


def test_punctuation_or_emoji_alone_finds_nothing_rather_than_everything(backend, client):
    for text in ("！？。，", "😀🙏"):
        data = client.get(reverse("search_api"), {"q": text}).json()
        assert data["total"] == 0 and data["results"] == []
        body = client.get(reverse("search"), {"q": text}).content.decode()
        assert 'data-total="0"' in body


def test_a_topic_that_does_not_exist_finds_nothing(backend, client):
    data = client.get(reverse("search_api"), {"topic": "不存在的话题"}).json()
    assert data["total"] == 0
