"""Posting a notice: who may address whom, the limits on title, text and files, and what a
refused notice leaves behind (nothing)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from lms.core.errors import ServiceError
from lms.notices.attachments import COLLECTION_NAME
from lms.notices.models import Notice
from lms.schools.models import SchoolClass
from tests.lms.notices.factories import class_notice, pdf_upload, png_upload, world_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_build()


def _refused(world, **kwargs) -> ServiceError:
    with pytest.raises(ServiceError) as refused:
        class_notice(world, **kwargs)
    assert not Notice.objects.exists()
    return refused.value


def test_an_empty_notice_is_refused_with_the_field_named(world):
    assert _refused(world, title="  ").field == "title"
    assert _refused(world, body="").field == "body"


def test_a_10000_character_body_is_refused_and_says_how_long_it_was(world):
    error = _refused(world, body="字" * 10000)
    assert error.field == "body"
    assert "10000" in str(error) and "5000" in str(error)


def test_a_title_over_80_characters_is_refused(world):
    assert _refused(world, title="题" * 81).field == "title"


def test_a_teacher_posts_only_to_classes_they_head_or_teach(world):
    assert _refused(world, classes=[world.class_b]).field == "classes"
    world.class_b.teachers.add(world.head)
    notice = class_notice(world, classes=[world.class_b])
    assert list(notice.classes.all()) == [world.class_b]


def test_a_class_of_another_school_is_refused_even_for_an_administrator(world):
    other_class = SchoolClass.objects.get(school=world.other_school)
    error = _refused(world, author=world.admin, classes=[world.class_a, other_class])
    assert error.field == "classes"


def test_only_a_school_administrator_addresses_a_grade_or_the_whole_school(world):
    assert _refused(world, audience=Notice.Audience.SCHOOL, classes=[]).field == "audience"
    assert _refused(world, audience=Notice.Audience.GRADE, grade="p3").field == "audience"
    by_admin = class_notice(world, author=world.admin, audience=Notice.Audience.GRADE, grade="p3")
    assert by_admin.grade == "p3" and not by_admin.classes.exists()


def test_an_administrator_of_another_school_cannot_post_here(world):
    error = _refused(world, author=world.other_admin, audience=Notice.Audience.SCHOOL)
    assert error.field == "audience"


def test_only_a_school_administrator_may_mark_a_notice_urgent(world):
    assert _refused(world, urgent=True).field == "urgent"
    assert class_notice(world, author=world.admin, urgent=True).urgent


def test_an_attachment_of_a_refused_type_is_refused_and_nothing_is_stored(world):
    exe = pdf_upload(name="名单.exe", content=b"MZ\x90\x00")
    error = _refused(world, files=[pdf_upload(), exe])
    assert error.field == "attachments" and "名单.exe" in str(error)
    assert not get_document_model().objects.exists()


def test_a_file_renamed_to_pdf_is_refused(world):
    error = _refused(world, files=[pdf_upload(name="名单.pdf", content=b"MZ\x90\x00 not a pdf")])
    assert error.field == "attachments"


def test_an_attachment_over_the_limit_is_refused_with_the_limit_named(world, settings):
    settings.LMS_NOTICE_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    big = pdf_upload(name="大文件.pdf", content=b"%PDF" + b"0" * (2 * 1024 * 1024))
    error = _refused(world, files=[big])
    assert error.field == "attachments" and "2 MB" in str(error)


def test_attachments_become_wagtail_documents_and_images_in_one_restricted_collection(world):
    notice = class_notice(world, files=[pdf_upload(), png_upload()])
    document, image = get_document_model().objects.get(), get_image_model().objects.get()
    assert document.collection.name == image.collection.name == COLLECTION_NAME
    assert (image.width, image.height) == (8, 6)
    # Stored under a random name, never the original one (a class list's name is guessable).
    assert "班级名单" not in document.file.name and document.file.name.endswith(".pdf")
    assert [a.name for a in notice.attachments.all()] == ["班级名单.pdf", "路线图.png"]
    class_notice(world, files=[pdf_upload()])  # the collection is made once
    assert Collection.objects.filter(name=COLLECTION_NAME).count() == 1
    assert CollectionViewRestriction.objects.filter(collection=document.collection).count() == 1


def test_a_scheduled_notice_keeps_its_publish_time(world):
    later = timezone.now() + timedelta(days=1)
    notice = class_notice(world, publish_at=later)
    assert notice.publish_at == later and notice.notified_at is None
