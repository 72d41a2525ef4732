"""Search reads through providers: any app's objects are indexed, reindexed and removed
through the registry, and a provider's failure stays its own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.dispatch import Signal
from django.http import QueryDict

from courses.models import Stage
from lms.directory.models import Venue
from search.models import SearchEntry
from search.providers import (
    SearchProvider,
    SearchType,
    Watch,
    provider_get,
    provider_register,
    provider_unregister,
    search_types,
    type_order,
)
from search.selectors import search_query_parse, search_run
from search.services import search_object_update, search_rebuild
from tests.courses.factories import course_add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_only(settings):
    settings.ELASTICSEARCH_URL = None


@dataclass
class Note:
    """An object of a test app: a notice board note, public or not."""

    pk: int
    title: str
    public: bool = True


@dataclass(frozen=True)
class NoteDocument:
    key: str
    type: str
    title: str
    summary: str
    body: str
    stages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    lecturers: tuple[str, ...] = ()
    date: datetime.date | None = None
    url: str = ""


note_changed = Signal()


@pytest.fixture
def notes():
    """A provider of notes (kind "note") registered for the test, as an app's ready() would."""
    board: dict[int, Note] = {}

    def document(note: Note) -> NoteDocument:
        return NoteDocument(
            key=f"note:{note.pk}",
            type="note",
            title=note.title,
            summary="公告栏",
            body=note.title,
            url=f"/notes/{note.pk}/",
        )

    def documents():
        return [document(note) for note in board.values() if note.public]

    def documents_for(note_id: int):
        note = board.get(note_id)
        return document(note) if note and note.public else None

    provider_register(
        SearchProvider(
            kind="note",
            label="Notes",
            types=(SearchType("note", "Notes", order=5),),
            documents=documents,
            documents_for=documents_for,
            watches=(Watch(note_changed),),
            order=30,
        )
    )
    yield board
    provider_unregister("note")


def run(query: str):
    return search_run(search_query_parse(QueryDict(query)))


def test_the_catalogue_and_the_venues_keep_the_types_and_order_of_the_api():
    assert search_types() == ("course", "lesson", "talk", "lecturer", "venue")
    assert [type_order(kind) for kind in search_types()] == [0, 2, 1, 3, 4]
    assert [kind.name for kind in provider_get("page").types] == ["course", "lesson", "talk"]
    assert provider_get("venue").types[0].name == "venue"  # registered by lms.directory
    assert type_order("gone") == 9  # an entry of a type no provider declares browses last


def test_a_registered_provider_is_rebuilt_searched_and_filtered(notes):
    notes[1] = Note(1, "家长会通知")
    notes[2] = Note(2, "未公开的通知", public=False)
    search_rebuild()
    assert set(SearchEntry.objects.filter(type="note").values_list("key", flat=True)) == {"note:1"}
    response = run("q=家长会")
    assert [(hit.type, hit.title) for hit in response.hits] == [("note", "家长会通知")]
    assert {v.value for v in response.facets["type"]} == {"note"}
    assert search_types()[-1] == "note"  # after the venues: its order is 30
    assert [hit.title for hit in run("type=note").hits] == ["家长会通知"]


def test_a_watched_signal_reindexes_one_object_after_commit(
    notes, django_capture_on_commit_callbacks
):
    notes[3] = Note(3, "运动会安排")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        note_changed.send(sender=Note, instance=notes[3])
    assert len(callbacks) == 1
    assert SearchEntry.objects.get(key="note:3").title == "运动会安排"
    notes[3].title = "运动会改期"
    with django_capture_on_commit_callbacks(execute=True):
        note_changed.send(sender=Note, instance=notes[3])
    assert SearchEntry.objects.get(key="note:3").title == "运动会改期"
    notes[3].public = False
    with django_capture_on_commit_callbacks(execute=True):
        note_changed.send(sender=Note, instance=notes[3])
    assert not SearchEntry.objects.filter(key="note:3").exists()


def test_an_unregistered_provider_is_no_longer_watched(notes, django_capture_on_commit_callbacks):
    provider_unregister("note")
    notes[4] = Note(4, "不再索引")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        note_changed.send(sender=Note, instance=notes[4])
    assert not callbacks and not SearchEntry.objects.filter(key="note:4").exists()


def test_a_kind_or_type_is_registered_once(notes):
    held = provider_get("note")
    provider_register(held)  # the same one again (a second ready()) is no change
    with pytest.raises(ValueError, match="note"):
        provider_register(
            SearchProvider(
                kind="note",
                label="Other notes",
                types=(SearchType("memo", "Memos", order=6),),
                documents=list,
                documents_for=lambda object_id: None,
            )
        )
    with pytest.raises(ValueError, match="venue"):
        provider_register(
            SearchProvider(
                kind="hall",
                label="Halls",
                types=(SearchType("venue", "Halls", order=6),),
                documents=list,
                documents_for=lambda object_id: None,
            )
        )
    assert provider_get("hall") is None


def test_a_provider_that_raises_never_breaks_publishing_and_is_logged(
    django_capture_on_commit_callbacks, caplog
):
    def broken(object_id: int):
        raise RuntimeError("the notes provider broke")

    from wagtail.signals import page_published

    provider_register(
        SearchProvider(
            kind="broken",
            label="Broken",
            types=(SearchType("broken", "Broken", order=7),),
            documents=list,
            documents_for=broken,
            watches=(Watch(page_published),),
        )
    )
    try:
        course = course_add(title="坏了一个也能发布", live=False)
        with django_capture_on_commit_callbacks(execute=True):
            course.save_revision().publish()
    finally:
        provider_unregister("broken")
    course.refresh_from_db()
    assert course.live
    # The catalogue's own reindex of the same publish went through.
    assert SearchEntry.objects.filter(title="坏了一个也能发布", type="course").exists()
    assert "search provider Broken failed on broken:" in caplog.text
    assert "the notes provider broke" in caplog.text


def test_a_watch_that_raises_never_breaks_the_sender_and_is_logged(caplog):
    def broken(instance) -> bool:
        raise RuntimeError("the watch broke")

    provider_register(
        SearchProvider(
            kind="broken",
            label="Broken",
            types=(SearchType("broken", "Broken", order=7),),
            documents=list,
            documents_for=lambda object_id: None,
            watches=(Watch(note_changed, applies=broken),),
        )
    )
    try:
        note_changed.send(sender=Note, instance=Note(9, "照常保存"))
    finally:
        provider_unregister("broken")
    assert "search could not note a change of broken" in caplog.text
    assert "the watch broke" in caplog.text


def test_a_provider_that_raises_fails_the_rebuild_and_keeps_the_old_index(notes, caplog):
    notes[1] = Note(1, "旧索引里的通知")
    search_rebuild()
    before = set(SearchEntry.objects.values_list("key", flat=True))

    def broken():
        raise RuntimeError("no documents today")

    provider_register(
        SearchProvider(
            kind="broken",
            label="Broken",
            types=(SearchType("broken", "Broken", order=7),),
            documents=broken,
            documents_for=lambda object_id: None,
        )
    )
    try:
        with pytest.raises(RuntimeError, match="no documents today"):
            search_rebuild(force=True)
    finally:
        provider_unregister("broken")
    assert set(SearchEntry.objects.values_list("key", flat=True)) == before
    assert "search provider Broken (broken) failed to list its documents" in caplog.text


def test_a_kind_without_provider_is_logged_and_skipped(caplog):
    search_object_update(kind="gone", object_id=5)
    assert "no search provider for 'gone'" in caplog.text


def _venue(name: str, **fields) -> Venue:
    venue = Venue.objects.create(
        name=name, kind="tech", township="城关镇", address="城关镇人民路1号",
        student_policy="学生凭学生证免费", topics="科学, 研学", **fields,
    )  # fmt: skip
    venue.stages.set(Stage.objects.filter(code__in=("junior",)))
    return venue


def test_venues_are_indexed_on_save_and_removed_on_delete(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        venue = _venue("县天文馆", published=True)
    response = run("q=天文馆")
    assert [(hit.type, hit.title) for hit in response.hits] == [("venue", "县天文馆")]
    assert response.hits[0].url.endswith(f"#venue-{venue.pk}")
    assert [hit.title for hit in run("type=venue&stage=junior").hits] == ["县天文馆"]
    with django_capture_on_commit_callbacks(execute=True):
        venue.delete()
    assert not SearchEntry.objects.filter(type="venue").exists()


def test_the_task_names_of_the_previous_release_still_reindex(django_capture_on_commit_callbacks):
    from lms.celery import app
    from search import tasks

    assert {"search.reindex", "search.page", "search.lecturer", "search.venue"} <= set(app.tasks)
    venue = _venue("县科技馆", published=True)  # saved outside on-commit capture: not indexed
    assert not SearchEntry.objects.filter(key=f"venue:{venue.pk}").exists()
    tasks.search_venue_task.delay(venue.pk)
    assert SearchEntry.objects.filter(key=f"venue:{venue.pk}", title="县科技馆").exists()
    course = course_add(title="旧任务名的课程")
    tasks.search_page_task.delay(course.pk)
    assert SearchEntry.objects.filter(key=f"page:{course.pk}", type="course").exists()
