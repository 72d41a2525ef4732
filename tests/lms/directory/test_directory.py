import pytest
from django.urls import reverse

from courses.models import Stage
from lms.directory.models import Venue
from search.backends.base import SearchQuery
from search.models import SearchEntry
from search.selectors import search_run
from search.services import search_rebuild

pytestmark = pytest.mark.django_db


def venue_add(name, kind, township, stages=(), lat=None, lng=None, published=True):
    venue = Venue.objects.create(
        name=name, kind=kind, township=township, address=f"{township}人民路1号",
        student_policy="学生凭学生证免费", latitude=lat, longitude=lng, published=published,
        topics="科学, 研学",
    )  # fmt: skip
    venue.stages.set(Stage.objects.filter(code__in=stages))
    return venue


@pytest.fixture
def venues():
    return [
        venue_add("县科技馆", "tech", "城关镇", ("primary_middle", "junior"), 30.1, 110.2),
        venue_add("县图书馆", "library", "城关镇", ("kindergarten", "primary_lower"), 30.2, 110.3),
        venue_add("河口研学基地", "study", "河口乡", ("junior", "senior")),
        venue_add("未上线的馆", "museum", "城关镇", ("junior",), published=False),
    ]


def names(response):
    return [
        card.split("</h2>")[0]
        for card in response.content.decode().split('class="venue-name">')[1:]
    ]


def test_filters_by_township_type_and_age(client, venues):
    url = reverse("directory")
    assert names(client.get(url)) == ["县图书馆", "县科技馆", "河口研学基地"]
    assert names(client.get(url, {"township": "河口乡"})) == ["河口研学基地"]
    assert names(client.get(url, {"type": "library"})) == ["县图书馆"]
    assert names(client.get(url, {"age": "8"})) == ["县科技馆"]
    assert names(client.get(url, {"age": "13", "township": "城关镇"})) == ["县科技馆"]


def test_bad_filters_are_ignored(client, venues):
    response = client.get(reverse("directory"), {"age": "-1", "type": "<x>", "township": ""})
    assert response.status_code == 200
    assert names(response) == ["县图书馆", "县科技馆", "河口研学基地"]


def test_without_tiles_the_page_is_a_list(client, venues, settings):
    settings.DIRECTORY_MAP_TILES = ""
    body = client.get(reverse("directory")).content.decode()
    assert "data-map-show" not in body and "leaflet" not in body and "县科技馆" in body


def test_with_tiles_the_map_is_offered_with_the_located_venues(client, venues, settings):
    settings.DIRECTORY_MAP_TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
    body = client.get(reverse("directory")).content.decode()
    assert "data-map-show" in body and 'id="venue-points"' in body
    points = body.split('id="venue-points"')[1].split("</script>")[0]
    assert points.count('"lat"') == 2  # the two venues with coordinates; the third is listed only
    assert "河口研学基地" in body


def test_venues_are_searchable_as_another_type(
    venues, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = None
    search_rebuild()
    response = search_run(SearchQuery(text="科技馆"))
    assert response.hits[0].title == "县科技馆" and response.hits[0].type == "venue"
    assert {v.value for v in response.facets["type"]} >= {"venue"}
    assert not SearchEntry.objects.filter(title="未上线的馆").exists()
    with django_capture_on_commit_callbacks(execute=True):
        venues[0].published = False
        venues[0].save()
    assert not SearchEntry.objects.filter(title="县科技馆").exists()


def test_a_venue_type_is_indexed_in_chinese_even_from_the_english_interface(venues):
    from django.utils import translation

    from lms.directory.selectors import directory_documents

    with translation.override("en"):
        documents = directory_documents(venue_ids=[venues[1].pk])
    assert documents[0].summary.startswith("图书馆 · 城关镇")


def test_the_directory_in_english_names_venue_types_and_stages_in_english(client, venues):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("directory")).content.decode()
    assert "Library · 城关镇 · Kindergarten · Primary grades 1–2" in html
    assert "图书馆" not in html.split('class="venue-name">县图书馆')[1].split("</li>")[0]
