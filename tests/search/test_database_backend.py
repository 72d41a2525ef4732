"""The embedded backend, on SQLite (embedded run) and PostgreSQL (service run)."""

import pytest
from django.http import QueryDict

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.models import SearchEntry, SynonymGroup
from search.selectors import search_query_parse, search_run
from search.services import search_object_update, search_rebuild

pytestmark = pytest.mark.django_db


def run(query: str):
    return search_run(search_query_parse(QueryDict(query)))


@pytest.fixture
def indexed(catalogue, settings):
    settings.ELASTICSEARCH_URL = None
    search_rebuild()
    return catalogue


def titles(response):
    return [hit.title for hit in response.hits]


def test_only_live_items_are_documents(indexed):
    keys = set(SearchEntry.objects.values_list("type", flat=True))
    assert keys == {"course", "lesson", "talk", "lecturer"}
    assert not SearchEntry.objects.filter(title="草稿课程").exists()
    assert SearchEntry.objects.filter(type="lecturer", title="张敏").exists()


def test_everyday_words_find_lessons(indexed):
    response = run("q=孩子不想上学")
    assert response.backend == "database" and titles(response)[0] == "孩子不想上学时"
    assert titles(run("q=早恋"))[0] == "孩子早恋了怎么办"


def test_synonyms_are_data_reviewers_extend(indexed):
    assert titles(run("q=挑食"))[:1] == ["让孩子自己吃饭"]  # 挑食 ~ 吃饭 in the seed list
    assert run("q=拖延").total == 0
    SynonymGroup.objects.create(terms="拖延, 发脾气")
    assert "孩子发脾气怎么办" in titles(run("q=拖延"))


def test_title_outranks_body(indexed):
    assert titles(run("q=青春期"))[0] == "青春期的孩子：理解与陪伴"


def test_facets_count_with_every_other_filter(indexed):
    response = run("age=8&topic=亲子沟通")
    # age 8 → primary_middle; the communication course and its two lessons.
    assert response.total == 3
    stage = {v.value: v.count for v in response.facets["stage"]}
    topic = {v.value: v.count for v in response.facets["topic"]}
    kind = {v.value: v.count for v in response.facets["type"]}
    # The stage facet ignores the age/stage filter but keeps the topic one …
    assert stage == {"primary_lower": 3, "primary_middle": 3}
    # … the topic facet keeps the stage filter but not its own …
    assert topic == {"亲子沟通": 3, "情绪管理": 3}
    # … and type keeps both.
    assert kind == {"course": 1, "lesson": 2}


def test_facets_are_not_cut_at_ten(db, settings):
    from tests.courses.factories import course_add

    settings.ELASTICSEARCH_URL = None
    for n in range(14):
        course_add(title=f"课程{n}", topics=(f"话题{n}",))
    search_rebuild()
    assert len(run("type=course").facets["topic"]) == 14


def test_an_empty_query_with_filters_browses(indexed):
    response = run("type=course")
    assert response.total == 3 and {h.type for h in response.hits} == {"course"}


@pytest.mark.parametrize(
    "query",
    [
        'q="引号"', "q=a:b", "q=a/b\\c", "q=😀😀", "q=' OR 1=1; DROP TABLE search_searchentry; --",
        "q=title:(x AND y)^3 ~2", "q=" + "长" * 10000, "q=NEAR(a b)", "q=*", "q=\x00",
        "age=abc&stage=nope&type=x&page=-1", "page=99999999999999999999",
    ],
)  # fmt: skip
def test_hostile_queries_are_just_text(indexed, query):
    response = run(query)
    assert response.total >= 0
    assert SearchEntry.objects.exists()


def test_pages(indexed):
    first = search_run(SearchQuery(type="lesson", page_size=2))
    second = search_run(SearchQuery(type="lesson", page=2, page_size=2))
    assert first.total == second.total == 4
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_unpublishing_and_deleting_remove_documents(indexed):
    lesson = indexed["teen"].get_children().first()
    lesson.specific.unpublish()
    search_object_update(kind="page", object_id=lesson.pk)
    assert "孩子早恋了怎么办" not in titles(run("q=早恋"))
    course = indexed["food"]
    course_id = course.pk
    course.delete()
    search_object_update(kind="page", object_id=course_id)
    assert not SearchEntry.objects.filter(title__contains="好习惯").exists()


def test_rebuild_refuses_a_large_drop_unless_forced(indexed):
    from courses.models import CoursePage

    before = DatabaseBackend().count()
    for course in CoursePage.objects.live():
        course.unpublish()
    [result] = search_rebuild(backends=("database",))
    assert not result.swapped and DatabaseBackend().count() == before
    [result] = search_rebuild(backends=("database",), force=True)
    assert result.swapped and DatabaseBackend().count() < before
