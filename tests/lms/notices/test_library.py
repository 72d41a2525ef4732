"""The notices' attachments stay out of the Wagtail choosers a lecturer uses for pages."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection

from lms.accounts.roles import Role
from tests.courses.factories import UserFactory
from tests.lms.notices.factories import PDF, class_notice, pdf_upload, world_build

pytestmark = pytest.mark.django_db


def test_a_lecturers_document_chooser_lists_course_files_but_not_notice_attachments():
    world = world_build()
    class_notice(world, files=[pdf_upload(name="三年级2班名单.pdf")])
    handout = get_document_model()(title="课程讲义", collection=Collection.get_first_root_node())
    handout.file.save("handout.pdf", ContentFile(PDF), save=True)
    client = Client()
    client.force_login(UserFactory(role=Role.LECTURER))
    response = client.get("/admin/documents/chooser/")
    assert response.status_code == 200
    html = response.json()["html"]
    assert "课程讲义" in html and "三年级2班名单" not in html
