from courses.models.home import HomePage, SectionIndexPage
from courses.models.lecturers import Lecturer
from courses.models.pages import (
    CourseIndexPage,
    CoursePage,
    LecturerIndexPage,
    LessonAttachment,
    LessonPage,
    TalkIndexPage,
    TalkPage,
)
from courses.models.talks import TalkSignup
from courses.models.taxonomy import CourseTopic, Stage, TalkTopic, Topic

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "CourseTopic",
    "HomePage",
    "Lecturer",
    "LecturerIndexPage",
    "LessonAttachment",
    "LessonPage",
    "SectionIndexPage",
    "Stage",
    "TalkIndexPage",
    "TalkPage",
    "TalkSignup",
    "TalkTopic",
    "Topic",
]
