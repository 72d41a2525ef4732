"""Stages and curated topics are shown in the interface language; codes and stored names
(what the importer, search and URLs use) stay as they are."""

import re

import pytest
from django.utils import translation

from courses.models import Stage, Topic
from courses.vocabulary import CURATED_TOPICS, STAGES, TOPIC_LABELS, stage_label, topic_label


def test_every_stage_reads_in_chinese_exactly_as_its_stored_name():
    with translation.override("zh-hans"):
        assert [str(stage.label) for stage in STAGES] == [stage.name for stage in STAGES]


def test_every_curated_topic_has_a_label_that_is_its_chinese_name_in_chinese():
    assert set(TOPIC_LABELS) == set(CURATED_TOPICS)
    with translation.override("zh-hans"):
        assert [topic_label(name) for name in CURATED_TOPICS] == list(CURATED_TOPICS)


def test_in_english_stages_and_topics_read_in_english():
    with translation.override("en"):
        assert stage_label("infant") == "Ages 0–3"
        assert stage_label("primary_lower") == "Primary grades 1–2"
        assert topic_label("劳动教育") == "Learning through chores and work"
        labels = [stage_label(stage.code) for stage in STAGES] + [
            topic_label(name) for name in CURATED_TOPICS
        ]
    assert not [label for label in labels if re.search(r"[\u3400-\u9fff]", label)]


def test_a_free_tag_and_an_unknown_code_are_shown_as_they_are():
    with translation.override("en"):
        assert topic_label("二胎") == "二胎"
        assert stage_label("nursery") == "nursery"


@pytest.mark.django_db
def test_seeded_rows_keep_their_chinese_names_and_show_their_label():
    stage, topic = Stage.objects.get(code="junior"), Topic.objects.get(name="阅读")
    with translation.override("en"):
        assert (stage.name, stage.label, str(stage)) == (
            "初中",
            "Junior secondary",
            "Junior secondary",
        )
        assert (topic.name, topic.label) == ("阅读", "Reading")
    with translation.override("zh-hans"):
        assert (str(stage), topic.label) == ("初中", "阅读")
