"""Shared vocabulary: school stages with child ages, and the curated topic list.

Stage codes are stable: the API, the importer and search use them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class StageInfo:
    code: str
    name: str
    min_age: int  # completed years, inclusive
    max_age: int
    # `name` is the canonical Chinese name (seeded into courses.Stage, accepted by the
    # importer); `label` is what the interface shows, in the visitor's language.
    label: str | Promise


STAGES: tuple[StageInfo, ...] = (
    StageInfo("infant", "0–3岁", 0, 2, pgettext_lazy("stage", "Ages 0–3")),
    StageInfo("kindergarten", "幼儿园", 3, 5, pgettext_lazy("stage", "Kindergarten")),
    StageInfo("primary_lower", "小学1–2年级", 6, 7, pgettext_lazy("stage", "Primary grades 1–2")),
    StageInfo("primary_middle", "小学3–4年级", 8, 9, pgettext_lazy("stage", "Primary grades 3–4")),
    StageInfo("primary_upper", "小学5–6年级", 10, 11, pgettext_lazy("stage", "Primary grades 5–6")),
    StageInfo("junior", "初中", 12, 14, pgettext_lazy("stage", "Junior secondary")),
    StageInfo("senior", "高中", 15, 17, pgettext_lazy("stage", "Senior secondary")),
)
STAGE_LABELS = {stage.code: stage.label for stage in STAGES}
STAGE_CODES = tuple(stage.code for stage in STAGES)
MAX_CHILD_AGE = STAGES[-1].max_age

CURATED_TOPICS: tuple[str, ...] = (
    "亲子沟通",
    "习惯养成",
    "情绪管理",
    "心理健康",
    "学习指导",
    "安全教育",
    "网络素养与手机管理",
    "劳动教育",
    "阅读",
    "体育锻炼与健康",
    "家风家教",
    "法治教育",
    "家庭教育促进法",
    "青春期教育",
    "幼小衔接",
    "小升初",
    "生涯规划",
    "祖辈协同教养",
    "特殊需要儿童",
    "留守儿童关爱",
)

# Curated topics' names are stored and searched in Chinese (tag names, URLs); the
# interface shows them through these labels, so English mode reads English.
TOPIC_LABELS = {
    "亲子沟通": pgettext_lazy("topic", "Parent-child communication"),
    "习惯养成": pgettext_lazy("topic", "Building good habits"),
    "情绪管理": pgettext_lazy("topic", "Managing emotions"),
    "心理健康": pgettext_lazy("topic", "Mental health"),
    "学习指导": pgettext_lazy("topic", "Help with learning"),
    "安全教育": pgettext_lazy("topic", "Safety education"),
    "网络素养与手机管理": pgettext_lazy("topic", "Internet literacy and phones"),
    "劳动教育": pgettext_lazy("topic", "Learning through chores and work"),
    "阅读": pgettext_lazy("topic", "Reading"),
    "体育锻炼与健康": pgettext_lazy("topic", "Exercise and health"),
    "家风家教": pgettext_lazy("topic", "Family values and upbringing"),
    "法治教育": pgettext_lazy("topic", "Knowing the law"),
    "家庭教育促进法": pgettext_lazy("topic", "Family Education Promotion Law"),
    "青春期教育": pgettext_lazy("topic", "Adolescence"),
    "幼小衔接": pgettext_lazy("topic", "Starting primary school"),
    "小升初": pgettext_lazy("topic", "Starting secondary school"),
    "生涯规划": pgettext_lazy("topic", "Planning a future career"),
    "祖辈协同教养": pgettext_lazy("topic", "Grandparents raising children"),
    "特殊需要儿童": pgettext_lazy("topic", "Children with special needs"),
    "留守儿童关爱": pgettext_lazy("topic", "Caring for left-behind children"),
}


def topic_label(name: str) -> str:
    """A topic's name for the interface: a curated topic's translated label, else the name."""
    label = TOPIC_LABELS.get(name)
    return str(label) if label is not None else name


def stage_label(code: str) -> str:
    """A stage's name for the interface, in the active language (the code if unknown)."""
    label = STAGE_LABELS.get(code)
    return str(label) if label is not None else code


def stages_for_age(age: int) -> list[str]:
    """The stage codes covering a child of `age` completed years ([] outside 0–17)."""
    return [stage.code for stage in STAGES if stage.min_age <= age <= stage.max_age]
