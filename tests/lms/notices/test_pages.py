"""The posting form and the attachment view as people use them: a refused file keeps what
was typed, a forged class id is a form error, files reach only the audience."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model

from lms.notices.models import Notice
from lms.schools.models import SchoolClass
from tests.lms.notices.factories import class_notice, pdf_upload, png_upload, world_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_build()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(world, user, **data):
    form = {
        "school": world.school.pk,
        "audience": Notice.Audience.CLASSES,
        "classes": [world.class_a.pk],
        "title": "家长会通知",
        "body": "周四晚七点\n三楼会议室",
        "asks_confirmation": "on",
    }
    form.update(data)
    return _client(user).post(reverse("notices:new"), form)


def test_a_head_teacher_posts_to_their_class_and_lands_on_the_notice(world):
    response = _post(world, world.head, attachments=[pdf_upload()])
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:detail", args=[notice.pk])
    assert notice.asks_confirmation and notice.attachments.count() == 1


def test_a_refused_file_keeps_everything_typed_and_posts_nothing(world):
    exe = pdf_upload(name="setup.exe", content=b"MZ\x90\x00")
    response = _post(world, world.head, attachments=[exe])
    assert response.status_code == 200
    html = response.content.decode()
    assert "setup.exe" in html and "不能上传这种类型的文件" in html
    assert 'value="家长会通知"' in html and "周四晚七点\n三楼会议室" in html
    assert not Notice.objects.exists()


def test_a_file_over_the_limit_is_refused_on_the_form(world, settings):
    settings.LMS_NOTICE_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = pdf_upload(name="大.pdf", content=b"%PDF" + b"0" * (1024 * 1024 + 1))
    response = _post(world, world.head, attachments=[big])
    assert response.status_code == 200 and "超过 1 MB" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_forged_class_of_another_school_is_a_form_error_not_a_notice(world):
    other_class = SchoolClass.objects.get(school=world.other_school)
    for user in (world.head, world.admin):
        response = _post(world, user, classes=[world.class_a.pk, other_class.pk])
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()
    assert not Notice.objects.exists()


def test_a_forged_school_id_is_a_form_error(world):
    response = _post(world, world.head, school=world.other_school.pk)
    assert response.status_code == 200 and not Notice.objects.exists()
    response = _post(world, world.head, school="9" * 30)
    assert response.status_code == 200 and not Notice.objects.exists()


def test_an_empty_form_and_a_10000_character_body_are_form_errors(world):
    assert _post(world, world.head, title="", body="").status_code == 200
    response = _post(world, world.head, body="字" * 10000)
    assert response.status_code == 200
    assert "10000" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_teacher_is_offered_only_their_classes_and_no_urgent_box(world):
    html = _client(world.head).get(reverse("notices:new")).content.decode()
    assert 'name="urgent"' not in html and 'value="school"' not in html
    assert "附件（PDF、Word、Excel、JPG、PNG；最多 5 个）" in html
    assert f'value="{world.class_a.pk}"' in html and f'value="{world.class_b.pk}"' not in html
    html = _client(world.admin).get(reverse("notices:new")).content.decode()
    assert 'name="urgent"' in html and f'value="{world.class_b.pk}"' in html


def test_a_parent_cannot_open_the_posting_form(world):
    assert _client(world.parents_a[0]).get(reverse("notices:new")).status_code == 404


def test_the_audience_downloads_the_file_under_its_own_name_and_others_get_404(world):
    notice = class_notice(world, files=[pdf_upload(), png_upload()])
    pdf, png = notice.attachments.all()
    client = _client(world.parents_a[0])
    response = client.get(reverse("notices:attachment", args=[notice.pk, pdf.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    image = client.get(reverse("notices:attachment", args=[notice.pk, png.pk]))
    assert image["Content-Type"] == "image/png" and "inline" in image["Content-Disposition"]
    other = _client(world.parent_b)
    assert other.get(reverse("notices:attachment", args=[notice.pk, pdf.pk])).status_code == 404
    # Another notice's attachment id under this notice is not found either.
    second = class_notice(world, files=[pdf_upload()])
    foreign = second.attachments.get()
    assert (
        client.get(reverse("notices:attachment", args=[notice.pk, foreign.pk])).status_code == 404
    )


def test_wagtails_own_document_link_does_not_serve_a_notice_file(world):
    class_notice(world, files=[pdf_upload()])
    document = get_document_model().objects.get()
    # The collection's restriction sends everyone but a superuser to sign in instead.
    for client in (_client(world.parents_a[0]), _client(world.head), Client()):
        response = client.get(document.url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_after_withdrawal_the_file_is_gone_for_families_but_kept_for_the_sender(world):
    notice = class_notice(world, files=[pdf_upload()])
    url = reverse("notices:attachment", args=[notice.pk, notice.attachments.get().pk])
    _client(world.head).post(reverse("notices:withdraw", args=[notice.pk]))
    assert _client(world.parents_a[0]).get(url).status_code == 404
    assert _client(world.head).get(url).status_code == 200
