import pytest
from wagtail.test.utils import WagtailPageTestCase

from courses.models import (
    CourseIndexPage,
    CoursePage,
    HomePage,
    LecturerIndexPage,
    LessonPage,
    Stage,
    TalkIndexPage,
    TalkPage,
    Topic,
)
from courses.vocabulary import CURATED_TOPICS, STAGE_CODES, stages_for_age


@pytest.mark.parametrize(
    ("age", "stages"),
    [
        (0, ["infant"]),
        (2, ["infant"]),
        (3, ["kindergarten"]),
        (6, ["primary_lower"]),
        (8, ["primary_middle"]),
        (11, ["primary_upper"]),
        (12, ["junior"]),
        (14, ["junior"]),
        (17, ["senior"]),
        (18, []),
        (-1, []),
    ],
)
def test_stages_for_age(age, stages):
    assert stages_for_age(age) == stages


@pytest.mark.django_db
def test_stages_and_curated_topics_are_seeded():
    assert list(Stage.objects.values_list("code", flat=True)) == list(STAGE_CODES)
    assert list(Topic.objects.filter(curated=True).values_list("name", flat=True)) == list(
        CURATED_TOPICS
    )


class PageTypeRules(WagtailPageTestCase):
    def test_sections_live_under_the_home_page(self):
        self.assertAllowedSubpageTypes(
            HomePage, {CourseIndexPage, TalkIndexPage, LecturerIndexPage}
        )
        for section in (CourseIndexPage, TalkIndexPage, LecturerIndexPage):
            self.assertAllowedParentPageTypes(section, {HomePage})

    def test_courses_hold_lessons_and_talks_sit_in_the_talk_index(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedSubpageTypes(TalkIndexPage, {TalkPage})
        self.assertAllowedParentPageTypes(TalkPage, {TalkIndexPage})

    def test_sections_exist_once(self):
        home = HomePage.objects.get()
        for section in (CourseIndexPage, TalkIndexPage, LecturerIndexPage):
            self.assertTrue(section.objects.child_of(home).exists())
            self.assertFalse(section.can_create_at(home))
