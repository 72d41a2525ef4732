"""Public reads of the catalogue for search: what is live, as plain documents.

Search indexes these and nothing else; it never reads the page models itself. Keys are
stable across edits: ``page:<id>`` for courses, lessons and talks, ``lecturer:<id>``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.utils.html import strip_tags

from courses.models import CoursePage, Lecturer, LecturerIndexPage, LessonPage, TalkPage


@dataclass(frozen=True)
class CatalogueDocument:
    key: str
    type: str  # course | lesson | talk | lecturer
    title: str
    summary: str
    body: str
    stages: tuple[str, ...]
    topics: tuple[str, ...]
    lecturers: tuple[str, ...]
    date: date | None
    url: str


def _text(rich: str) -> str:
    return " ".join(html.unescape(strip_tags(rich or "")).split())


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


def lecturer_key(lecturer_id: int) -> str:
    return f"lecturer:{lecturer_id}"


def _courses(pages) -> list[CoursePage]:
    return list(pages.prefetch_related("stages", "topics", "lecturers"))


def _course_document(course: CoursePage) -> CatalogueDocument:
    return CatalogueDocument(
        key=page_key(course.pk),
        type="course",
        title=course.title,
        summary=course.summary,
        body=_text(course.body),
        stages=tuple(stage.code for stage in course.stages.all()),
        topics=tuple(tag.name for tag in course.topics.all()),
        lecturers=tuple(lecturer.name for lecturer in course.lecturers.all()),
        date=(course.first_published_at.date() if course.first_published_at else None),
        url=course.get_url() or "",
    )


def _lesson_document(lesson: LessonPage, course: CatalogueDocument) -> CatalogueDocument:
    return CatalogueDocument(
        key=page_key(lesson.pk),
        type="lesson",
        title=lesson.title,
        summary=lesson.summary,
        body=" ".join(filter(None, [_text(lesson.body), lesson.transcript])),
        stages=course.stages,
        topics=course.topics,
        lecturers=course.lecturers,
        date=course.date,
        url=lesson.get_url() or "",
    )


def _talk_document(talk: TalkPage) -> CatalogueDocument:
    return CatalogueDocument(
        key=page_key(talk.pk),
        type="talk",
        title=talk.title,
        summary=talk.summary,
        body=_text(talk.body),
        stages=tuple(stage.code for stage in talk.stages.all()),
        topics=tuple(tag.name for tag in talk.topics.all()),
        lecturers=(talk.lecturer.name,) if talk.lecturer_id else (),
        date=talk.date,
        url=talk.get_url() or "",
    )


def _lecturer_documents(lecturers: Iterable[Lecturer]) -> Iterator[CatalogueDocument]:
    index = LecturerIndexPage.objects.live().public().first()
    base = (index.get_url() or "") if index else ""
    for lecturer in lecturers:
        live_courses = CoursePage.objects.live().public().filter(lecturers=lecturer)
        live_talks = TalkPage.objects.live().public().filter(lecturer=lecturer)
        if not index or not (live_courses.exists() or live_talks.exists()):
            continue
        yield CatalogueDocument(
            key=lecturer_key(lecturer.pk),
            type="lecturer",
            title=lecturer.name,
            summary=lecturer.title,
            body=_text(lecturer.bio),
            stages=(),
            topics=(),
            lecturers=(lecturer.name,),
            date=None,
            url=f"{base}{lecturer.pk}/",
        )


def catalogue_page_documents() -> Iterator[CatalogueDocument]:
    """Every live, public course, lesson and talk (keys ``page:<id>``)."""
    courses = {c.path: _course_document(c) for c in _courses(CoursePage.objects.live().public())}
    yield from courses.values()
    lessons = (
        LessonPage.objects.live()
        .public()
        .only("pk", "title", "summary", "body", "transcript", "path", "depth", "url_path")
    )
    for lesson in lessons:
        course = courses.get(lesson.path[: -LessonPage.steplen])
        if course is not None:
            yield _lesson_document(lesson, course)
    talks = TalkPage.objects.live().public().select_related("lecturer")
    for talk in talks.prefetch_related("stages", "topics"):
        yield _talk_document(talk)


def catalogue_lecturer_documents() -> Iterator[CatalogueDocument]:
    """Every lecturer with live, public work (keys ``lecturer:<id>``)."""
    yield from _lecturer_documents(Lecturer.objects.all())


def catalogue_documents_for_page(*, page_id: int) -> tuple[list[CatalogueDocument], list[str]]:
    """What to (re)index and what to remove after a page changed: a course carries its
    lessons (they inherit its stages and topics) and its lecturers' pages."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return [], [page_key(page_id)]
    page = page.specific
    keys = [page_key(page.pk)]
    documents: list[CatalogueDocument] = []
    lecturer_ids: set[int] = set()
    if isinstance(page, CoursePage):
        keys += [
            page_key(pk) for pk in LessonPage.objects.child_of(page).values_list("pk", flat=True)
        ]
        live = _courses(CoursePage.objects.live().public().filter(pk=page.pk))
        if live:
            course = _course_document(live[0])
            documents.append(course)
            for lesson in LessonPage.objects.child_of(page).live().public():
                documents.append(_lesson_document(lesson, course))
        lecturer_ids |= set(page.lecturers.values_list("pk", flat=True))
    elif isinstance(page, LessonPage):
        course_page = CoursePage.objects.filter(path=page.path[: -LessonPage.steplen])
        live = _courses(course_page.live().public())
        if live and LessonPage.objects.live().public().filter(pk=page.pk).exists():
            documents.append(_lesson_document(page, _course_document(live[0])))
    elif isinstance(page, TalkPage):
        talk = TalkPage.objects.live().public().filter(pk=page.pk).select_related("lecturer")
        documents += [_talk_document(t) for t in talk.prefetch_related("stages", "topics")]
        if page.lecturer_id:
            lecturer_ids.add(page.lecturer_id)
    lecturers = Lecturer.objects.filter(pk__in=lecturer_ids)
    keys += [lecturer_key(pk) for pk in lecturer_ids]
    documents += list(_lecturer_documents(lecturers))
    present = {document.key for document in documents}
    return documents, [key for key in keys if key not in present]


def catalogue_documents_for_lecturer(
    *, lecturer_id: int
) -> tuple[list[CatalogueDocument], list[str]]:
    documents = list(_lecturer_documents(Lecturer.objects.filter(pk=lecturer_id)))
    return documents, [] if documents else [lecturer_key(lecturer_id)]
