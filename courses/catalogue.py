"""What a catalogue file may hold: the labels bureaus write for codes, and the file's schema.

The schema (pydantic) only checks; the importer reads the raw data once it is clean. Every
problem is reported with its JSON path, in the file's order.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from django.utils import translation
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from courses.models import CourseIndexPage, Lecturer, TalkIndexPage
from courses.vocabulary import CURATED_TOPICS, STAGES

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


def media_path(base_dir: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base_dir / path


def _fail(message: str):
    # The message is a value, not a template: labels in it may hold braces.
    raise PydanticCustomError("catalogue", "{message}", {"message": message})


def _required_text(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        _fail("missing")
    return value


def _optional_text(value):
    return None if isinstance(value, str) and not value.strip() else value


def _key(value):
    if not isinstance(value, str) or not value.strip():
        _fail("missing")
    return value


def _text(limit: int, *, required: bool = False):
    """Text of at most `limit` characters; blank counts as missing."""
    text = Annotated[str, Field(max_length=limit, strict=True)]
    if required:
        return Annotated[text, BeforeValidator(_required_text)]
    return Annotated[text | None, BeforeValidator(_optional_text)]


def _number(maximum: float):
    def check(value):
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or value != value
            or not 0 <= value <= maximum
        ):
            _fail(f"must be a number from 0 to {maximum:g}")
        return value

    return Annotated[Any, BeforeValidator(check)]


def _stage(value):
    if stage_code(value) is None:
        _fail(f'unknown stage "{value}" (known: {STAGES_KNOWN})')
    return value


def _topic(value):
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        _fail("must be a topic name of 1–100 characters")
    return value


def _category(value):
    if value is not None and category_code(value) is None:
        _fail(f'unknown category "{value}" (known: {CATEGORIES_KNOWN})')
    return value


def _media(value, info: ValidationInfo):
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        _fail("must be a file path or null")
    path = media_path(info.context["base_dir"], value)
    if not path.is_file():
        _fail(f'cannot read "{value}"')
    if path.stat().st_size == 0:
        _fail(f'"{value}" is empty')
    return value


def _talk_date(value):
    try:
        # Text only: a JSON number such as 20260315 would pass fromisoformat as text and then
        # fail the import itself.
        if not isinstance(value, str):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        _fail(f'"{value}" is not a date like 2026-03-15')
    return value


def _list(message: str) -> BeforeValidator:
    def check(value):
        if not isinstance(value, list):
            _fail(message)
        return value

    return BeforeValidator(check)


# A key is required; its "missing" comes from _key, which also runs when the key is absent.
Key = Annotated[Any, BeforeValidator(_key), Field(validate_default=True)]
Media = Annotated[Any, BeforeValidator(_media)]
Stages = Annotated[
    list[Annotated[Any, AfterValidator(_stage)]], _list("must be a list of stage codes or names")
]
Topics = Annotated[
    list[Annotated[Any, AfterValidator(_topic)]], _list("must be a list of topic names")
]
Lessons = Annotated[list["_LessonItem"], _list("must be a list")]


class _Item(BaseModel):
    # The importer reads the raw data; these models only check it. Fields are declared in the
    # order their problems are listed.
    model_config = ConfigDict(extra="ignore")


class _LecturerItem(_Item):
    key: Key = None
    name: _text(40, required=True)
    title: _text(100) = None
    bio: _text(10000) = None
    category: Annotated[Any, BeforeValidator(_category)] = None


class _LessonItem(_Item):
    key: Key = None
    title: _text(255, required=True)
    body: _text(100000) = None
    media: Media = None
    duration_seconds: _number(6 * 3600) = None


class _CourseItem(_Item):
    key: Key = None
    title: _text(255, required=True)
    summary: _text(500) = None
    stages: Stages = []
    topics: Topics = []
    lecturer: Any = None  # known keys: checked across the file, after
    credit_hours: _number(99) = None
    lessons: Lessons = []


class _TalkItem(_Item):
    key: Key = None
    title: _text(255, required=True)
    summary: _text(500) = None
    stages: Stages = []
    topics: Topics = []
    lecturer: Any = None
    media: Media = None
    date: Annotated[Any, BeforeValidator(_talk_date), Field(validate_default=True)] = None


class _Catalogue(_Item):
    lecturers: Annotated[list[_LecturerItem], _list("must be a list")] = []
    courses: Annotated[list[_CourseItem], _list("must be a list")] = []
    talks: Annotated[list[_TalkItem], _list("must be a list")] = []


_ITEM_MODELS = {"lecturers": _LecturerItem, "courses": _CourseItem, "talks": _TalkItem}


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "catalogue":
        return error["ctx"]["message"]
    if kind == "missing":
        return "missing"
    if kind == "string_type":
        return "must be text"
    if kind == "string_too_long":
        return f"longer than {error['ctx']['max_length']} characters"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "must be an object"
    return error["msg"]  # not expected: pydantic's own words rather than nothing


def _where(loc: tuple) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)[1:]


def _rank(loc: tuple) -> tuple:
    """Sort key listing problems in the file's order, each item's fields in model order; a
    problem of a whole item (no field) after its fields."""
    model, rank = _Catalogue, []
    for part in loc:
        if isinstance(part, int):
            rank.append(part)
            continue
        names = list(model.model_fields)
        rank.append(names.index(part))
        model = _ITEM_MODELS.get(part) or (_LessonItem if part == "lessons" else model)
    if loc and isinstance(loc[-1], int):
        rank.append(len(model.model_fields))
    return tuple(rank)


def _cross_problems(data: dict) -> list[tuple[tuple, str]]:
    """What one item cannot tell alone: duplicate keys, lecturer references, lessons with
    nothing to learn from."""
    problems: list[tuple[tuple, str]] = []
    seen: dict[str, dict[str, tuple]] = {"lecturers": {}, "courses": {}, "lessons": {}, "talks": {}}

    def items(values, loc: tuple):
        for i, item in enumerate(values if isinstance(values, list) else []):
            if isinstance(item, dict):
                yield loc + (i,), item

    def key(item: dict, loc: tuple, kind: str) -> None:
        value = item.get("key")
        if not isinstance(value, str) or not value.strip():
            return  # reported as missing
        if value in seen[kind]:
            first = _where(seen[kind][value])
            problems.append((loc + ("key",), f'duplicate key "{value}" (also {first})'))
        else:
            seen[kind][value] = loc

    def lecturer(item: dict, loc: tuple) -> None:
        value = item.get("lecturer")
        if value is not None and not (
            isinstance(value, str) and (value in seen["lecturers"] or value in known)
        ):
            problems.append((loc + ("lecturer",), f'unknown lecturer key "{value}"'))

    known = set(Lecturer.objects.exclude(import_key=None).values_list("import_key", flat=True))
    for loc, item in items(data.get("lecturers"), ("lecturers",)):
        key(item, loc, "lecturers")
    for loc, course in items(data.get("courses"), ("courses",)):
        key(course, loc, "courses")
        lecturer(course, loc)
        for lesson_loc, lesson in items(course.get("lessons", []), loc + ("lessons",)):
            key(lesson, lesson_loc, "lessons")
            body = lesson.get("body")
            if not lesson.get("media") and not (isinstance(body, str) and body.strip()):
                problems.append((lesson_loc, "a lesson needs media or a body (a reading lesson)"))
    for loc, talk in items(data.get("talks"), ("talks",)):
        key(talk, loc, "talks")
        lecturer(talk, loc)
    return problems


def catalog_check(data, *, base_dir: Path) -> list[str]:
    """Every problem in `data`, each with its JSON path; [] when it can be imported."""
    if not isinstance(data, dict):
        return ["$: the file must hold a JSON object with lecturers, courses and talks"]
    try:
        _Catalogue.model_validate(data, context={"base_dir": base_dir})
        found = []
    except ValidationError as invalid:
        found = [(error["loc"], _message(error)) for error in invalid.errors()]
    sections = [(loc, message) for loc, message in found if len(loc) == 1]
    if sections:  # a section that is not a list: nothing inside can be read
        return [f"{_where(loc)}: {message}" for loc, message in sections]
    found += _cross_problems(data)
    found.sort(key=lambda problem: _rank(problem[0]))
    problems = [f"{_where(loc)}: {message}" for loc, message in found]
    if data.get("courses") and not CourseIndexPage.objects.exists():
        problems.append("courses: the site has no course catalogue page to import into")
    if data.get("talks") and not TalkIndexPage.objects.exists():
        problems.append("talks: the site has no talks page to import into")
    return problems
