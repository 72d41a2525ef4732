import json

import pytest
from django.core.management import CommandError, call_command

from courses.importer import CatalogInvalid, catalog_import, rich_text_clean
from courses.models import CoursePage, Lecturer, LessonPage, TalkPage
from media_pipeline.models import MediaAsset

pytestmark = pytest.mark.django_db


def catalog(media=None):
    return {
        "lecturers": [
            {
                "key": "lec1",
                "name": "张敏",
                "title": "心理咨询师",
                "category": "psychologist",
                "bio": "多年从事青少年心理辅导。",
            }
        ],
        "courses": [
            {
                "key": "c1",
                "title": "情绪管理",
                "summary": "帮助孩子认识情绪",
                "stages": ["primary_middle", "junior"],
                "topics": ["情绪管理", "自定义标签"],
                "lecturer": "lec1",
                "credit_hours": 1.5,
                "lessons": [
                    {
                        "key": "c1-l1",
                        "title": "认识情绪",
                        "body": "第一段。\n\n第二段 <不是标签>",
                        "media": media,
                        "duration_seconds": 300,
                    },
                    {
                        "key": "c1-l2",
                        "title": "冷静角",
                        "body": "<p>设一个<b>冷静角</b></p><script>alert(1)</script>",
                        "media": None,
                    },
                ],
            }
        ],
        "talks": [
            {
                "key": "t1",
                "title": "考前焦虑",
                "summary": "讲座",
                "lecturer": "lec1",
                "stages": ["senior"],
                "topics": ["心理健康"],
                "date": "2026-10-18",
                "media": None,
            }
        ],
    }


def test_round_trip_publishes_everything_with_its_vocabulary(tmp_path):
    report = catalog_import(data=catalog(), base_dir=tmp_path, publish=True)
    assert len(report.created) == 5 and report.updated == []
    course = CoursePage.objects.get(import_key="c1")
    assert course.live and course.title == "情绪管理"
    assert sorted(course.stages.values_list("code", flat=True)) == ["junior", "primary_middle"]
    assert sorted(course.topics.names()) == ["情绪管理", "自定义标签"]
    assert list(course.lecturers.values_list("name", flat=True)) == ["张敏"]
    assert str(course.credit_hours) == "1.5"
    lessons = LessonPage.objects.child_of(course).order_by("path")
    assert [lesson.import_key for lesson in lessons] == ["c1-l1", "c1-l2"]
    assert lessons[0].body == "<p>第一段。</p><p>第二段 &lt;不是标签&gt;</p>"
    assert lessons[1].is_reading
    assert TalkPage.objects.get(import_key="t1").lecturer.name == "张敏"


def test_importing_again_updates_in_place(tmp_path):
    catalog_import(data=catalog(), base_dir=tmp_path, publish=True)
    changed = catalog()
    changed["courses"][0]["title"] = "情绪管理（修订）"
    changed["courses"][0]["lessons"].reverse()
    report = catalog_import(data=changed, base_dir=tmp_path, publish=True)
    assert report.created == [] and len(report.updated) == 5
    assert (CoursePage.objects.count(), LessonPage.objects.count(), Lecturer.objects.count()) == (
        1,
        2,
        1,
    )
    course = CoursePage.objects.get()
    assert course.title == "情绪管理（修订）"
    assert [
        lesson.import_key for lesson in LessonPage.objects.child_of(course).order_by("path")
    ] == ["c1-l2", "c1-l1"]


def test_without_publish_items_wait_for_review(tmp_path):
    catalog_import(data=catalog(), base_dir=tmp_path, publish=False)
    course = CoursePage.objects.get()
    assert not course.live
    assert course.current_workflow_state.status == "in_progress"


def test_media_goes_through_the_pipeline_once(tmp_path):
    (tmp_path / "lesson.mp3").write_bytes(b"ID3" + b"\0" * 2048)
    catalog_import(data=catalog(media="lesson.mp3"), base_dir=tmp_path, publish=True)
    catalog_import(data=catalog(media="lesson.mp3"), base_dir=tmp_path, publish=True)
    asset = MediaAsset.objects.get()
    assert asset.original_name == "lesson.mp3"
    assert LessonPage.objects.get(import_key="c1-l1").media == asset


def test_every_problem_is_reported_with_its_path_and_nothing_is_imported(tmp_path):
    bad = catalog(media="missing.mp4")
    bad["courses"][0]["stages"] = ["grade9"]
    bad["courses"][0]["lecturer"] = "nobody"
    bad["courses"][0]["lessons"][1]["title"] = ""
    bad["courses"].append({**catalog()["courses"][0], "lessons": []})  # duplicate key c1
    bad["talks"][0]["date"] = "2026-13-01"
    bad["lecturers"][0]["category"] = "astronaut"
    with pytest.raises(CatalogInvalid) as invalid:
        catalog_import(data=bad, base_dir=tmp_path, publish=True)
    problems = invalid.value.problems
    for expected in [
        'courses[0].stages[0]: unknown stage "grade9"',
        'courses[0].lecturer: unknown lecturer key "nobody"',
        "courses[0].lessons[1].title: missing",
        'courses[0].lessons[0].media: cannot read "missing.mp4"',
        'courses[1].key: duplicate key "c1" (also courses[0])',
        'talks[0].date: "2026-13-01" is not a date',
        'lecturers[0].category: unknown category "astronaut"',
    ]:
        assert any(problem.startswith(expected) for problem in problems), (expected, problems)
    assert not CoursePage.objects.exists() and not Lecturer.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"courses": {}},
        {"courses": ["x"]},
        {"courses": [{"key": "a", "title": "t", "credit_hours": "many"}]},
        {"courses": [{"key": "a", "title": "t", "lessons": [{"key": "l", "title": "no body"}]}]},
    ],
)
def test_malformed_structures_are_problems_not_crashes(tmp_path, data):
    with pytest.raises(CatalogInvalid):
        catalog_import(data=data, base_dir=tmp_path)


def test_rich_text_is_sanitised():
    assert rich_text_clean(
        '<p onclick="x">hi<script>bad()</script><a href="javascript:x">a</a></p>'
    ) == ('<p>hi<a rel="noopener noreferrer">a</a></p>')


def _command(tmp_path, payload, *args):
    path = tmp_path / "catalog.json"
    path.write_bytes(
        payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
    )
    call_command("import_catalog", str(path), *args)


def test_command_prints_what_it_did(tmp_path, capsys):
    _command(tmp_path, catalog(), "--publish")
    out = capsys.readouterr().out
    assert "created course c1 (情绪管理)" in out and "5 created, 0 updated (published)." in out


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"{not json", "invalid JSON at line 1"),
        ("{}".encode("utf-16"), "not UTF-8"),
        (
            {"courses": [{"key": "c", "title": "", "lessons": []}]},
            "1 problem(s) found; nothing was imported.",
        ),
    ],
)
def test_command_errors_exit_non_zero(tmp_path, capsys, payload, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _command(tmp_path, payload)
    assert not CoursePage.objects.exists()


@pytest.mark.parametrize(
    ("category", "code"),
    [
        ("五老", "elders"),
        ("劳动模范", "model_worker"),
        ("劳模", "model_worker"),
        ("道德模范", "moral_model"),
        ("心理咨询师", "psychologist"),
        ("Model worker", "model_worker"),
        ("五老（老干部、老战士、老专家、老教师、老模范）", "elders"),
        ("police", "police"),
    ],
)
def test_a_lecturer_category_is_taken_by_its_chinese_label_or_its_code(tmp_path, category, code):
    data = catalog()
    data["lecturers"][0]["category"] = category
    catalog_import(data=data, base_dir=tmp_path, publish=True)
    assert Lecturer.objects.get(import_key="lec1").category == code


def test_stages_and_topics_are_taken_by_their_chinese_names(tmp_path):
    data = catalog()
    # As a bureau types them: a hyphen or full-width digits for the dash, names for codes.
    data["courses"][0]["stages"] = ["小学1–2年级", "小学３-４年级", "初中", "junior"]
    data["courses"][0]["topics"] = ["情绪管理 ", "网络素养与手机管理", "自定义标签"]
    data["talks"][0]["stages"] = ["0-3岁", "高中"]
    catalog_import(data=data, base_dir=tmp_path, publish=True)
    course = CoursePage.objects.get(import_key="c1")
    assert sorted(course.stages.values_list("code", flat=True)) == [
        "junior",
        "primary_lower",
        "primary_middle",
    ]
    assert sorted(course.topics.names()) == ["情绪管理", "网络素养与手机管理", "自定义标签"]
    talk = TalkPage.objects.get(import_key="t1")
    assert sorted(talk.stages.values_list("code", flat=True)) == ["infant", "senior"]


def test_an_unknown_label_is_still_refused_and_the_message_lists_the_labels(tmp_path):
    data = catalog()
    data["lecturers"][0]["category"] = "宇航员"
    data["courses"][0]["stages"] = ["小学7年级", 3]
    with pytest.raises(CatalogInvalid) as invalid:
        catalog_import(data=data, base_dir=tmp_path, publish=True)
    problems = "\n".join(invalid.value.problems)
    assert 'lecturers[0].category: unknown category "宇航员"' in problems
    assert "elders (五老" in problems
    assert 'courses[0].stages[0]: unknown stage "小学7年级"' in problems
    assert "primary_lower (小学1–2年级)" in problems
    assert 'courses[0].stages[1]: unknown stage "3"' in problems
    assert not Lecturer.objects.exists()
