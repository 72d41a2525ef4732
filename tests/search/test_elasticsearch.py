"""Against the real Elasticsearch node (CI starts one): the same answers as the database
backend, the alias swap, the refusal, and the fallback when the node is gone."""

import logging

import pytest
from django.http import QueryDict

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.backends.elastic import ElasticsearchBackend
from search.connection import elasticsearch_client
from search.selectors import search_query_parse, search_run
from search.services import search_object_update, search_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.services("elasticsearch")]


@pytest.fixture
def elastic(settings):
    url = settings.ELASTICSEARCH_URL
    backend = ElasticsearchBackend()
    backend.drop()
    yield backend
    settings.ELASTICSEARCH_URL = url  # a test may have pointed it at a dead port
    backend.drop()


@pytest.fixture
def indexed(catalogue, elastic):
    results = search_rebuild()
    assert [r.backend for r in results] == ["database", "elasticsearch"]
    return catalogue


QUERIES = [
    "q=孩子不想上学", "q=早恋", "q=挑食", "q=青春期", "q=张敏", "age=8&topic=亲子沟通",
    "type=course", "q=孩子&type=lesson", "q=怎么办&age=15", "q=不存在的词语",
]  # fmt: skip


CLEAR_BEST = {"q=孩子不想上学", "q=早恋", "q=挑食", "q=青春期", "q=张敏"}


@pytest.mark.parametrize("query", QUERIES)
def test_same_results_and_facets_as_the_database_backend(indexed, query):
    parsed = search_query_parse(QueryDict(query))
    from search.selectors import synonym_groups
    from search.text import expand, query_terms

    terms = query_terms(parsed.text) if parsed.text else []
    synonyms = [t for t in expand(terms, synonym_groups()) if t not in terms]
    es = ElasticsearchBackend().search(parsed, terms, synonyms)
    db = DatabaseBackend().search(parsed, terms, synonyms)
    assert es.backend == "elasticsearch"
    assert es.total == db.total
    assert {h.key for h in es.hits} == {h.key for h in db.hits}
    assert es.facets == db.facets
    if query in CLEAR_BEST:  # where one item is plainly the answer, both put it first
        assert es.hits[0].key == db.hits[0].key


def test_search_run_uses_elasticsearch(indexed):
    response = search_run(search_query_parse(QueryDict("q=早恋")))
    assert response.backend == "elasticsearch"
    assert response.hits[0].title == "孩子早恋了怎么办"


def test_chinese_phrase_of_an_unknown_word(indexed):
    # "发脾" is no dictionary word; the one-character sub-field finds it as a phrase.
    response = ElasticsearchBackend().search(SearchQuery(text="发脾"), ["发脾"], [])
    assert [h.title for h in response.hits][:1] == ["孩子发脾气怎么办"]


@pytest.mark.parametrize(
    "text", ['"', "a:b", "(x OR y", "title:*", "\\", "😀", "长" * 10000, '{"query": 1}']
)
def test_hostile_queries(indexed, text):
    response = search_run(SearchQuery(text=text[:200]))
    assert response.backend == "elasticsearch" and response.total >= 0


def test_rebuild_swaps_the_alias_atomically(indexed, elastic):
    client = elasticsearch_client()
    before = set(client.indices.get_alias(name=elastic.alias))
    [_db, es] = search_rebuild()
    after = set(client.indices.get_alias(name=elastic.alias))
    assert es.swapped and len(after) == 1 and after != before
    assert not client.indices.exists(index=list(before))  # the old index is gone
    assert elastic.count() == es.new_count > 0


def test_rebuild_refuses_a_large_drop_unless_forced(indexed, elastic):
    from courses.models import CoursePage

    before = elastic.count()
    client = elasticsearch_client()
    index_before = set(client.indices.get_alias(name=elastic.alias))
    for course in CoursePage.objects.live():
        course.unpublish()
    results = {r.backend: r for r in search_rebuild(backends=("elasticsearch",))}
    assert not results["elasticsearch"].swapped
    assert elastic.count() == before
    assert set(client.indices.get_alias(name=elastic.alias)) == index_before
    assert len(client.indices.get(index=f"{elastic.alias}-*")) == 1  # the new one was dropped
    results = {r.backend: r for r in search_rebuild(backends=("elasticsearch",), force=True)}
    assert results["elasticsearch"].swapped and elastic.count() < before


def test_page_updates_reach_elasticsearch(indexed, elastic):
    lesson = indexed["teen"].get_children().first().specific
    lesson.unpublish()
    search_object_update(kind="page", object_id=lesson.pk)
    titles = [h.title for h in search_run(SearchQuery(text="早恋")).hits]
    assert "孩子早恋了怎么办" not in titles
    lesson.save_revision().publish()
    search_object_update(kind="page", object_id=lesson.pk)
    titles = [h.title for h in search_run(SearchQuery(text="早恋")).hits]
    assert "孩子早恋了怎么办" in titles


def test_falls_back_to_the_database_when_the_node_is_gone(
    indexed, settings, unused_tcp_port, caplog, client
):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{unused_tcp_port}"
    with caplog.at_level(logging.WARNING, logger="search.selectors"):
        response = search_run(search_query_parse(QueryDict("q=早恋")))
    assert response.backend == "database"
    assert response.hits[0].title == "孩子早恋了怎么办"
    assert "answering from the database" in caplog.text
    page = client.get("/search/", {"q": "早恋"})
    assert page.status_code == 200 and "孩子<mark>早恋</mark>了怎么办" in page.content.decode()
    health = client.get("/healthz").json()
    assert health["search"] == "degraded"
