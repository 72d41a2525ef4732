"""Demo venues for trying the directory (added once; site edits are kept)."""

from __future__ import annotations

from courses.models import Stage
from lms.directory.models import Venue

DEMO_VENUES = [
    {
        "name": "县科技馆", "kind": "tech", "township": "城关镇", "address": "城关镇科技路8号",
        "latitude": 30.2741, "longitude": 110.1231,
        "student_policy": "学生凭学生证免费", "preschool_policy": "1.2米以下免票",
        "stages": ("primary_lower", "primary_middle", "primary_upper", "junior"),
        "topics": "科学, 研学实践",
    },
    {
        "name": "县图书馆少儿阅览室", "kind": "library", "township": "城关镇",
        "address": "城关镇文化街12号", "latitude": 30.2712, "longitude": 110.1198,
        "student_policy": "全部免费，办证免押金", "preschool_policy": "家长陪同免费",
        "stages": ("kindergarten", "primary_lower", "primary_middle"), "topics": "阅读, 亲子阅读",
    },
    {
        "name": "河口红色教育基地", "kind": "patriotic", "township": "河口乡",
        "address": "河口乡烈士陵园路1号", "latitude": 30.3102, "longitude": 110.2015,
        "student_policy": "中小学生团体免费，需提前预约", "preschool_policy": "",
        "stages": ("primary_upper", "junior", "senior"), "topics": "爱国主义教育",
    },
    {
        "name": "青少年法治教育基地", "kind": "law", "township": "城关镇",
        "address": "城关镇公安局大院东侧", "latitude": None, "longitude": None,
        "student_policy": "免费，周三下午开放", "preschool_policy": "",
        "stages": ("primary_upper", "junior", "senior"), "topics": "法治教育, 安全教育",
    },
]  # fmt: skip


def demo_venues_load() -> int:
    if Venue.objects.exists():
        return 0
    for item in DEMO_VENUES:
        fields = {key: value for key, value in item.items() if key != "stages"}
        venue = Venue.objects.create(**fields, opening_hours="周二至周日 9:00–17:00")
        venue.stages.set(Stage.objects.filter(code__in=item["stages"]))
    return len(DEMO_VENUES)
