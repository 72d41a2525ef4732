"""Shared vocabulary: school stages with child ages, and the curated topic list.

Stage codes are stable: the API, the importer and search use them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageInfo:
    code: str
    name: str
    min_age: int  # completed years, inclusive
    max_age: int


STAGES: tuple[StageInfo, ...] = (
    StageInfo("infant", "0–3岁", 0, 2),
    StageInfo("kindergarten", "幼儿园", 3, 5),
    StageInfo("primary_lower", "小学1–2年级", 6, 7),
    StageInfo("primary_middle", "小学3–4年级", 8, 9),
    StageInfo("primary_upper", "小学5–6年级", 10, 11),
    StageInfo("junior", "初中", 12, 14),
    StageInfo("senior", "高中", 15, 17),
)
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


def stages_for_age(age: int) -> list[str]:
    """The stage codes covering a child of `age` completed years ([] outside 0–17)."""
    return [stage.code for stage in STAGES if stage.min_age <= age <= stage.max_age]
