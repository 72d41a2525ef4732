"""Bulk import of lecturers, courses with lessons, and talks from one JSON file.

Everything is checked first and every problem is reported with its JSON path;
nothing is written unless the whole file is clean, and then in one transaction.
Items are matched by `key`, so importing the same file again updates in place.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import nh3
from django.core.files import File
from django.db import transaction
from django.utils import translation

from courses.models import (
    CourseIndexPage,
    CoursePage,
    Lecturer,
    LessonPage,
    Stage,
    TalkIndexPage,
    TalkPage,
)
from courses.vocabulary import CURATED_TOPICS, STAGES
from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_create

ALLOWED_TAGS = {"p", "h2", "h3", "b", "strong", "i", "em", "ol", "ul", "li", "a", "br"}
CATEGORIES = {choice.value for choice in Lecturer.Category}
# What bureaus write for a category besides its code and its label (in either language).
CATEGORY_ALIASES = {
    "elders": ("五老", "老干部", "老教师"),
    "model_worker": ("劳动模范", "劳模"),
    "moral_model": ("道德模范",),
    "artist": ("文艺工作者", "艺术家"),
    "teacher": ("教师", "老师"),
    "doctor": ("医生",),
    "psychologist": ("心理咨询师", "心理老师"),
    "police": ("民警", "警察"),
    "other": ("其他",),
}
STAGES_KNOWN = ", ".join(f"{stage.code} ({stage.name})" for stage in STAGES)
CATEGORIES_KNOWN = ", ".join(
    f"{code} ({'/'.join(aliases)})" for code, aliases in sorted(CATEGORY_ALIASES.items())
)
_DASHES = re.compile(r"\s*[-‐‑‒–—―~～至到]\s*")


def _label_key(value: str) -> str:
    """One spelling for a label: full width folded, no spaces, any dash as '–'."""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    return "".join(_DASHES.sub("–", text).split())


def _labels(value: str, label) -> set[str]:
    """A vocabulary entry's code and its label in English and Chinese, with and without the
    part in brackets ('五老（老干部…）' → 五老)."""
    names = {value}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            names.add(str(label))
    names |= {re.split(r"[（(]", name, maxsplit=1)[0] for name in set(names)}
    names |= {m for name in set(names) for m in re.findall(r"[（(]([^）)]+)[）)]", name)}
    return {_label_key(name) for name in names if name.strip()}


def category_code(value) -> str | None:
    """The lecturer category code for a code or a label as a bureau writes it."""
    if not isinstance(value, str):
        return None
    key = _label_key(value)
    for choice in Lecturer.Category:
        names = _labels(choice.value, choice.label)
        names |= {_label_key(alias) for alias in CATEGORY_ALIASES.get(choice.value, ())}
        if key in names:
            return choice.value
    return None


def stage_code(value) -> str | None:
    """The stage code for a code or a stage name ('小学1-2年级', '初中')."""
    if not isinstance(value, str):
        return None
    key = _label_key(value)
    for stage in STAGES:
        if key in _labels(stage.code, stage.name):
            return stage.code
    return None


def topic_name(value: str) -> str:
    """The curated topic spelled as the catalogue spells it, or the tag as written."""
    key = _label_key(value)
    for topic in CURATED_TOPICS:
        if _label_key(topic) == key:
            return topic
    return value.strip()


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


class _Checker:
    def __init__(self, base_dir: Path):
        self.base_dir = base_dir
        self.problems: list[str] = []
        self.keys: dict[str, dict[str, str]] = {
            "lecturers": {},
            "courses": {},
            "lessons": {},
            "talks": {},
        }

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(
        self, item: dict, where: str, name: str, *, required: bool = False, limit: int = 255
    ) -> None:
        value = item.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"{where}.{name}", "missing")
            return
        if not isinstance(value, str):
            self.problem(f"{where}.{name}", "must be text")
        elif len(value) > limit:
            self.problem(f"{where}.{name}", f"longer than {limit} characters")

    def key(self, item: dict, where: str, kind: str) -> None:
        value = item.get("key")
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where}.key", "missing")
            return
        if value in self.keys[kind]:
            self.problem(f"{where}.key", f'duplicate key "{value}" (also {self.keys[kind][value]})')
        else:
            self.keys[kind][value] = where

    def stages(self, item: dict, where: str) -> None:
        stages = item.get("stages", [])
        if not isinstance(stages, list):
            self.problem(f"{where}.stages", "must be a list of stage codes or names")
            return
        for i, code in enumerate(stages):
            if stage_code(code) is None:
                self.problem(
                    f"{where}.stages[{i}]",
                    f'unknown stage "{code}" (known: {STAGES_KNOWN})',
                )

    def topics(self, item: dict, where: str) -> None:
        topics = item.get("topics", [])
        if not isinstance(topics, list):
            self.problem(f"{where}.topics", "must be a list of topic names")
            return
        for i, name in enumerate(topics):
            if not isinstance(name, str) or not name.strip() or len(name) > 100:
                self.problem(f"{where}.topics[{i}]", "must be a topic name of 1–100 characters")

    def number(self, item: dict, where: str, name: str, *, maximum: float) -> None:
        value = item.get(name)
        if value is None:
            return
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or value != value
            or not 0 <= value <= maximum
        ):
            self.problem(f"{where}.{name}", f"must be a number from 0 to {maximum:g}")

    def media(self, item: dict, where: str) -> None:
        value = item.get("media")
        if value is None:
            return
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where}.media", "must be a file path or null")
            return
        path = media_path(self.base_dir, value)
        if not path.is_file():
            self.problem(f"{where}.media", f'cannot read "{value}"')
        elif path.stat().st_size == 0:
            self.problem(f"{where}.media", f'"{value}" is empty')

    def lecturer_ref(self, item: dict, where: str, known: set[str]) -> None:
        value = item.get("lecturer")
        if value is not None and value not in self.keys["lecturers"] and value not in known:
            self.problem(f"{where}.lecturer", f'unknown lecturer key "{value}"')


def media_path(base_dir: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base_dir / path


def catalog_check(data, *, base_dir: Path) -> list[str]:
    """Every problem in `data`, each with its JSON path; [] when it can be imported."""
    check = _Checker(base_dir)
    if not isinstance(data, dict):
        return ["$: the file must hold a JSON object with lecturers, courses and talks"]
    for section in ("lecturers", "courses", "talks"):
        if not isinstance(data.get(section, []), list):
            check.problem(section, "must be a list")
    if check.problems:
        return check.problems
    known_lecturers = set(
        Lecturer.objects.exclude(import_key=None).values_list("import_key", flat=True)
    )
    for i, lecturer in enumerate(data.get("lecturers", [])):
        where = f"lecturers[{i}]"
        if not isinstance(lecturer, dict):
            check.problem(where, "must be an object")
            continue
        check.key(lecturer, where, "lecturers")
        check.text(lecturer, where, "name", required=True, limit=40)
        check.text(lecturer, where, "title", limit=100)
        check.text(lecturer, where, "bio", limit=10000)
        if lecturer.get("category") is not None and category_code(lecturer["category"]) is None:
            check.problem(
                f"{where}.category",
                f'unknown category "{lecturer["category"]}" (known: {CATEGORIES_KNOWN})',
            )
    for i, course in enumerate(data.get("courses", [])):
        where = f"courses[{i}]"
        if not isinstance(course, dict):
            check.problem(where, "must be an object")
            continue
        check.key(course, where, "courses")
        check.text(course, where, "title", required=True)
        check.text(course, where, "summary", limit=500)
        check.stages(course, where)
        check.topics(course, where)
        check.lecturer_ref(course, where, known_lecturers)
        check.number(course, where, "credit_hours", maximum=99)
        lessons = course.get("lessons", [])
        if not isinstance(lessons, list):
            check.problem(f"{where}.lessons", "must be a list")
            continue
        for j, lesson in enumerate(lessons):
            lesson_where = f"{where}.lessons[{j}]"
            if not isinstance(lesson, dict):
                check.problem(lesson_where, "must be an object")
                continue
            check.key(lesson, lesson_where, "lessons")
            check.text(lesson, lesson_where, "title", required=True)
            check.text(lesson, lesson_where, "body", limit=100000)
            check.media(lesson, lesson_where)
            check.number(lesson, lesson_where, "duration_seconds", maximum=6 * 3600)
            if not lesson.get("media") and not (lesson.get("body") or "").strip():
                check.problem(lesson_where, "a lesson needs media or a body (a reading lesson)")
    for i, talk in enumerate(data.get("talks", [])):
        where = f"talks[{i}]"
        if not isinstance(talk, dict):
            check.problem(where, "must be an object")
            continue
        check.key(talk, where, "talks")
        check.text(talk, where, "title", required=True)
        check.text(talk, where, "summary", limit=500)
        check.stages(talk, where)
        check.topics(talk, where)
        check.lecturer_ref(talk, where, known_lecturers)
        check.media(talk, where)
        try:
            date.fromisoformat(str(talk.get("date")))
        except ValueError:
            check.problem(f"{where}.date", f'"{talk.get("date")}" is not a date like 2026-03-15')
    if data.get("courses") and not CourseIndexPage.objects.exists():
        check.problem("courses", "the site has no course catalogue page to import into")
    if data.get("talks") and not TalkIndexPage.objects.exists():
        check.problem("talks", "the site has no talks page to import into")
    return check.problems


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
