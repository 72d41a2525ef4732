"""Bulk import of lecturers, courses with lessons, and talks from one JSON file.

Everything is checked first and every problem is reported with its JSON path;
nothing is written unless the whole file is clean, and then in one transaction.
Items are matched by `key`, so importing the same file again updates in place.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import nh3
from django.core.files import File
from django.db import transaction

from courses.catalogue import catalog_check, category_code, media_path, stage_code, topic_name
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Lecturer,
    LessonPage,
    Stage,
    TalkIndexPage,
    TalkPage,
)
from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_create

ALLOWED_TAGS = {"p", "h2", "h3", "b", "strong", "i", "em", "ol", "ul", "li", "a", "br"}


class CatalogInvalid(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def rich_text_clean(text: str) -> str:
    """Simple HTML is sanitised; plain text becomes paragraphs."""
    if "<" in text and re.search(r"</?[a-zA-Z][^>]*>", text):
        return nh3.clean(
            text,
            tags=ALLOWED_TAGS,
            attributes={"a": {"href"}},
            url_schemes={"http", "https", "mailto"},
        )
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


class _Importer:
    def __init__(self, *, base_dir: Path, publish: bool, user):
        self.base_dir, self.publish, self.user = base_dir, publish, user
        self.report = ImportReport()
        self.stages = {stage.code: stage for stage in Stage.objects.all()}
        self.assets: dict[Path, MediaAsset] = {}

    def note(self, created: bool, label: str) -> None:
        (self.report.created if created else self.report.updated).append(label)

    def lecturers(self, items: list[dict]) -> None:
        for item in items:
            lecturer = Lecturer.objects.filter(import_key=item["key"]).first()
            created = lecturer is None
            lecturer = lecturer or Lecturer(import_key=item["key"])
            lecturer.name = item["name"].strip()
            lecturer.title = (item.get("title") or "").strip()
            lecturer.category = category_code(item.get("category")) or lecturer.category
            lecturer.bio = rich_text_clean(item.get("bio") or "")
            lecturer.save()
            self.note(created, f"lecturer {item['key']} ({lecturer.name})")

    def asset(self, value: str | None, current: MediaAsset | None) -> MediaAsset | None:
        if not value:
            return None
        path = media_path(self.base_dir, value).resolve()
        if path in self.assets:
            return self.assets[path]
        size = path.stat().st_size
        if (
            current is not None
            and current.original_name == path.name
            and current.original_size == size
        ):
            asset = current  # unchanged file: keep the processed asset
        else:
            with path.open("rb") as handle:
                asset = asset_create(
                    file=File(handle, name=path.name),
                    title=path.stem,
                    original_name=path.name,
                    uploaded_by=self.user,
                )
        self.assets[path] = asset
        return asset

    def _save(self, page, parent, created: bool) -> None:
        if created:
            page.live = False
            parent.add_child(instance=page)
        revision = page.save_revision(user=self.user, log_action=True)
        if self.publish:
            revision.publish(user=self.user)
        else:
            workflow = page.get_workflow()
            if workflow and not page.workflow_in_progress:
                workflow.start(page, self.user)

    def _lecturer(self, key: str | None) -> Lecturer | None:
        return Lecturer.objects.get(import_key=key) if key else None

    def _catalogue_page(self, model, item: dict):
        """The page with this key (or a new one) with the fields courses and talks share."""
        page = model.objects.filter(import_key=item["key"]).first()
        created = page is None
        page = page or model(import_key=item["key"])
        page.title = page.draft_title = item["title"].strip()
        page.summary = (item.get("summary") or "").strip()
        codes = dict.fromkeys(stage_code(value) for value in item.get("stages", []))
        page.stages = [self.stages[code] for code in codes]
        page.topics.set(list(dict.fromkeys(topic_name(t) for t in item.get("topics", []))))
        return page, created

    def courses(self, items: list[dict]) -> None:
        index = CourseIndexPage.objects.first()
        for item in items:
            course, created = self._catalogue_page(CoursePage, item)
            course.credit_hours = _decimal(item.get("credit_hours"), course.credit_hours)
            lecturer = self._lecturer(item.get("lecturer"))
            course.lecturers = [lecturer] if lecturer else []
            self._save(course, index, created)
            self.note(created, f"course {item['key']} ({course.title})")
            self.lessons(course, item.get("lessons", []))

    def lessons(self, course: CoursePage, items: list[dict]) -> None:
        for item in items:
            lesson = LessonPage.objects.filter(import_key=item["key"]).first()
            created = lesson is None
            lesson = lesson or LessonPage(import_key=item["key"])
            if not created and lesson.get_parent().pk != course.pk:
                lesson.move(course, pos="last-child")
                lesson.refresh_from_db()
            lesson.title = lesson.draft_title = item["title"].strip()
            lesson.body = rich_text_clean(item.get("body") or "")
            lesson.media = self.asset(item.get("media"), lesson.media if not created else None)
            if item.get("duration_seconds") is not None:
                lesson.duration_seconds = int(item["duration_seconds"])
            self._save(lesson, course, created)
            if not created:
                lesson.move(course, pos="last-child")  # JSON order is lesson order
            self.note(created, f"lesson {item['key']} ({lesson.title})")

    def talks(self, items: list[dict]) -> None:
        index = TalkIndexPage.objects.first()
        for item in items:
            talk, created = self._catalogue_page(TalkPage, item)
            talk.date = date.fromisoformat(item["date"])
            talk.lecturer = self._lecturer(item.get("lecturer"))
            talk.media = self.asset(item.get("media"), talk.media if not created else None)
            self._save(talk, index, created)
            self.note(created, f"talk {item['key']} ({talk.title})")


def _decimal(value, default: Decimal) -> Decimal:
    if value is None:
        return default
    try:
        return Decimal(str(value)).quantize(Decimal("0.1"))
    except InvalidOperation:
        return default


def catalog_import(*, data, base_dir: Path, publish: bool = False, user=None) -> ImportReport:
    """Check `data`, then import all of it or nothing (CatalogInvalid lists the problems)."""
    problems = catalog_check(data, base_dir=base_dir)
    if problems:
        raise CatalogInvalid(problems)
    importer = _Importer(base_dir=base_dir, publish=publish, user=user)
    with transaction.atomic():
        importer.lecturers(data.get("lecturers", []))
        importer.courses(data.get("courses", []))
        importer.talks(data.get("talks", []))
    return importer.report
