"""The everyday words parents type: the seed list, and existing sites getting new groups."""

import importlib

import pytest
from django.apps import apps

from search.models import SynonymGroup
from search.selectors import synonym_groups
from search.text import DATA, expand, parse_synonym_lines, query_terms

pytestmark = pytest.mark.django_db
add_missing = importlib.import_module("search.migrations.0006_add_missing_synonyms").add_missing
FILE_GROUPS = parse_synonym_lines((DATA / "synonyms.txt").read_text(encoding="utf-8"))
# The groups a site seeded before issue 20 holds (the first lines of the file).
OLD_GROUPS = FILE_GROUPS[:19]


def test_the_seed_list_holds_at_least_a_hundred_groups_that_fit_the_admin_field():
    assert len(FILE_GROUPS) >= 100
    assert len(set(map(frozenset, FILE_GROUPS))) == len(FILE_GROUPS)
    limit = SynonymGroup._meta.get_field("terms").max_length
    assert all(len(", ".join(group)) <= limit for group in FILE_GROUPS)


def test_a_new_site_holds_every_group_of_the_file_once():
    held = {frozenset(group) for group in synonym_groups()}
    assert held == {frozenset(group) for group in FILE_GROUPS}
    assert SynonymGroup.objects.count() == len(FILE_GROUPS)


@pytest.mark.parametrize(
    ("typed", "finds"),
    [
        ("二胎", {"二孩", "多子女"}),
        ("玩手机", {"手机成瘾", "网络沉迷"}),
        ("不爱写作业", {"作业拖拉", "写作业磨蹭"}),
        ("叛逆", {"青春期逆反"}),
    ],
)
def test_the_words_parents_type_expand_to_the_words_courses_use(typed, finds):
    assert finds <= set(expand(query_terms(typed), synonym_groups()))


def test_an_existing_site_gets_the_missing_groups_once_and_keeps_what_reviewers_edited():
    SynonymGroup.objects.all().delete()
    for group in OLD_GROUPS:
        SynonymGroup.objects.create(terms=", ".join(group))
    # A reviewer extended one seeded group and added one of their own.
    extended = SynonymGroup.objects.get(terms__startswith="挑食")
    extended.terms += ", 不好好吃饭"
    extended.save()
    SynonymGroup.objects.create(terms="拖堂, 放学晚", note="reviewer")

    add_missing(apps, None)
    after = SynonymGroup.objects.count()
    assert after == len(FILE_GROUPS) + 1  # every file group, the reviewer's own, no copies
    assert SynonymGroup.objects.filter(terms__startswith="挑食").count() == 1
    assert SynonymGroup.objects.get(pk=extended.pk).terms.endswith("不好好吃饭")
    assert SynonymGroup.objects.filter(terms__startswith="二胎").exists()

    add_missing(apps, None)
    assert SynonymGroup.objects.count() == after


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("二胎", "多子女家庭的亲子沟通"),
        ("玩手机", "网络沉迷的早期信号"),
        ("叛逆", "青春期逆反期的相处之道"),
        ("不爱写作业", "作业拖拉的孩子需要什么"),
    ],
)
def test_a_word_found_only_through_its_synonym(settings, typed, title):
    from django.http import QueryDict

    from search.selectors import search_query_parse, search_run
    from search.services import search_rebuild
    from tests.courses.factories import course_add

    settings.ELASTICSEARCH_URL = None
    course_add(title=title, stages=("primary_middle",), topics=("亲子沟通",))
    course_add(title="防溺水安全课", stages=("primary_middle",), topics=("安全教育",))
    search_rebuild()
    response = search_run(search_query_parse(QueryDict(f"q={typed}")))
    assert [hit.title for hit in response.hits] == [title]
