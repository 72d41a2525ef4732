"""Demo venues for trying the directory (added once; site edits are kept)."""

from __future__ import annotations

from courses.models import Stage
from lms.directory.models import Venue

DEMO_VENUES = [
    ("县科技馆", "tech", "城关镇", "城关镇科技路8号", 30.2741, 110.1231, "学生凭学生证免费", "1.2米以下免票",
     ("primary_lower", "primary_middle", "primary_upper", "junior"), "科学, 研学实践"),
    ("县图书馆少儿阅览室", "library", "城关镇", "城关镇文化街12号", 30.2712, 110.1198, "全部免费，办证免押金", "家长陪同免费",
     ("kindergarten", "primary_lower", "primary_middle"), "阅读, 亲子阅读"),
    ("河口红色教育基地", "patriotic", "河口乡", "河口乡烈士陵园路1号", 30.3102, 110.2015, "中小学生团体免费，需提前预约", "",
     ("primary_upper", "junior", "senior"), "爱国主义教育"),
    ("青少年法治教育基地", "law", "城关镇", "城关镇公安局大院东侧", None, None, "免费，周三下午开放", "",
     ("primary_upper", "junior", "senior"), "法治教育, 安全教育"),
]  # fmt: skip


def demo_venues_load() -> int:
    if Venue.objects.exists():
        return 0
    for name, kind, township, address, lat, lng, students, preschool, stages, topics in DEMO_VENUES:
        venue = Venue.objects.create(
            name=name, kind=kind, township=township, address=address, latitude=lat,
            longitude=lng, student_policy=students, preschool_policy=preschool,
            topics=topics, opening_hours="周二至周日 9:00–17:00",
        )  # fmt: skip
        venue.stages.set(Stage.objects.filter(code__in=stages))
    return len(DEMO_VENUES)
