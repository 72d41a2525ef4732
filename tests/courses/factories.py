"""Test data for the catalogue: factory_boy for plain models, tree helpers for pages."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from courses.models import (
    CourseIndexPage,
    CoursePage,
    Lecturer,
    LessonPage,
    Stage,
    TalkIndexPage,
    TalkPage,
)
from lms.accounts.roles import Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            from django.contrib.auth.models import Group

            self.groups.add(Group.objects.get(name=Role(extracted).value))
        self.save()


class LecturerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lecturer

    name = factory.Sequence(lambda n: f"讲师{n}")
    title = "心理咨询师"
    category = Lecturer.Category.PSYCHOLOGIST


def course_add(
    *,
    title="亲子沟通",
    stages=("primary_lower",),
    topics=("亲子沟通",),
    lecturer=None,
    owner=None,
    live=True,
    credit_hours="1.0",
) -> CoursePage:
    course = CoursePage(
        title=title, summary=f"{title}的简介", credit_hours=credit_hours, live=live, owner=owner
    )
    course.stages = list(Stage.objects.filter(code__in=stages))
    course.topics.set(list(topics))
    course.lecturers = [lecturer] if lecturer else []
    CourseIndexPage.objects.get().add_child(instance=course)
    return course


def lesson_add(
    course: CoursePage, *, title="第一课", media=None, live=True, required=True, owner=None
) -> LessonPage:
    lesson = LessonPage(
        title=title, body="<p>正文</p>", media=media, live=live, required=required, owner=owner
    )
    course.add_child(instance=lesson)
    return lesson


def talk_add(*, title="讲座", date, lecturer=None, media=None, signup_open=False) -> TalkPage:
    talk = TalkPage(
        title=title,
        summary="讲座简介",
        date=date,
        lecturer=lecturer,
        media=media,
        signup_open=signup_open,
    )
    talk.stages = list(Stage.objects.filter(code="junior"))
    TalkIndexPage.objects.get().add_child(instance=talk)
    return talk
