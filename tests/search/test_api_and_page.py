import json

import pytest
from django.urls import reverse

from search.services import search_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(catalogue, settings):
    settings.ELASTICSEARCH_URL = None
    search_rebuild()


def test_api_shape(client, indexed):
    response = client.get(reverse("search_api"), {"q": "早恋", "age": "13"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"total", "page", "results", "facets"}
    first = data["results"][0]
    assert {"type", "title", "url", "stages", "topics", "snippet"} <= set(first)
    assert first["title"] == "孩子早恋了怎么办" and first["url"].startswith("/")
    assert set(data["facets"]) == {"stage", "topic", "type"}
    assert {"value", "label", "count"} == set(data["facets"]["stage"][0])


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 10000}, {"q": "\"'\\/:;{}[]<>"}, {"age": "-3", "page": "abc"}, {"type": "∞"}],
)
def test_api_never_fails(client, indexed, params):
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 200 and "total" in response.json()


def test_suggestions(client, indexed):
    data = client.get(reverse("search_suggest"), {"q": "亲子"}).json()["suggestions"]
    texts = [item["text"] for item in data]
    assert "亲子沟通" in texts and "好好说话：亲子沟通的艺术" in texts
    assert client.get(reverse("search_suggest"), {"q": ""}).json() == {"suggestions": []}


def test_search_page_with_facets_on_a_phone(client, indexed):
    response = client.get(
        reverse("search"), {"q": "孩子", "age": "8"}, HTTP_USER_AGENT="MicroMessenger"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-facet="topic"' in body and "<mark>孩子</mark>发脾气怎么办" in body
    assert 'name="viewport"' in body
    # A facet link keeps the text and drops the page.
    assert "topic=" in body and "q=%E5%AD%A9%E5%AD%90" in body


def test_search_page_without_a_query_invites_topics(client, indexed):
    body = client.get(reverse("search")).content.decode()
    assert "?topic=" in body and "data-results" not in body


def test_results_json_is_unicode_not_escaped(client, indexed):
    raw = client.get(reverse("search_api"), {"q": "早恋"}).content.decode()
    assert "早恋" in raw and json.loads(raw)["total"] >= 1
