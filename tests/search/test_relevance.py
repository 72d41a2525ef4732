"""Relevance floors on the demo catalogue, for both backends."""

import pytest

from search.relevance import relevance_evaluate
from search.services import search_rebuild

pytestmark = pytest.mark.django_db
# Measured 2026-11-28 (see benchmarks/RESULTS.md); a change that drops below these made
# search worse for parents.
FLOORS = {"ndcg_at_10": 0.90, "recall_at_5": 0.90, "zero_result_rate": 0.0}


@pytest.fixture
def demo_catalogue(settings, tmp_path, monkeypatch):
    from courses import demo

    monkeypatch.setattr(demo, "demo_media_make", lambda media_dir: False)  # text is enough
    demo.demo_catalog_load(media_dir=tmp_path)


def assert_floors(result):
    assert result.ndcg_at_10 >= FLOORS["ndcg_at_10"], result.per_query
    assert result.recall_at_5 >= FLOORS["recall_at_5"], result.per_query
    assert result.zero_result_rate <= FLOORS["zero_result_rate"], result.per_query


def test_database_backend_floor(demo_catalogue, settings):
    settings.ELASTICSEARCH_URL = None
    search_rebuild()
    assert_floors(relevance_evaluate(backend="database"))


@pytest.mark.services("elasticsearch")
def test_elasticsearch_floor(demo_catalogue):
    from search.backends.elastic import ElasticsearchBackend

    backend = ElasticsearchBackend()
    backend.drop()
    try:
        search_rebuild()
        assert_floors(relevance_evaluate(backend="elasticsearch"))
    finally:
        backend.drop()
