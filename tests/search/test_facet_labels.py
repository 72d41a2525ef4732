"""Facet labels are interface: stages and curated topics read in the visitor's language,
while facet values (codes, stored topic names) stay what URLs and the API take."""

import pytest

from search.services import search_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(catalogue, settings):
    settings.ELASTICSEARCH_URL = None
    search_rebuild()
    return catalogue


def facets(client, *, language: str) -> dict:
    client.cookies["django_language"] = language
    return client.get("/api/v1/search", {"type": "course"}).json()["facets"]


def test_in_english_the_api_labels_stages_and_topics_in_english(client, indexed):
    english = facets(client, language="en")
    assert {"value": "junior", "label": "Junior secondary", "count": 1} in english["stage"]
    assert {"value": "亲子沟通", "label": "Parent-child communication", "count": 1} in english[
        "topic"
    ]


def test_in_chinese_the_labels_are_as_they_were(client, indexed):
    chinese = facets(client, language="zh-hans")
    assert {"value": "junior", "label": "初中", "count": 1} in chinese["stage"]
    assert {"value": "亲子沟通", "label": "亲子沟通", "count": 1} in chinese["topic"]


def test_the_search_page_in_english_links_facets_by_their_stored_values(client, indexed):
    client.cookies["django_language"] = "en"
    html = client.get("/search/", {"topic": "情绪管理"}).content.decode()
    assert "Managing emotions (3) ×" in html and "Primary grades 1–2 (3)" in html
    assert 'href="?topic=%E4%BA%B2%E5%AD%90%E6%B2%9F%E9%80%9A">Parent-child communication' in html
