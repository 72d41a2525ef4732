"""A lecturer, in the Wagtail admin, uploads a recording, writes a course and a lesson using it,
and submits them; a reviewer approves; the lesson is live with its processed video."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from courses.models import CourseIndexPage, CoursePage, LessonPage, Stage
from lms.accounts.roles import Role
from media_pipeline.models import MediaAsset
from tests.courses.factories import UserFactory
from tests.e2e.conftest import ARTIFACTS
from tests.media_pipeline.clips import clip

pytestmark = [
    pytest.mark.services("chromium", "ffmpeg"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _admin_user(role, username):
    user = UserFactory(role=role, username=username)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # stable labels to click; the site stays Chinese
    profile.save()
    return user


def _admin_sign_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def _footer_action(page, name: str):
    """Open the footer's 'More actions' menu and press the action called `name`."""
    page.click("footer .w-dropdown__toggle")
    page.click(f"footer button:has-text('{name}')")


def test_lecturer_uploads_writes_and_submits_and_a_reviewer_approves(
    live_server, desktop, tmp_path
):
    page, base = desktop, live_server.url
    page.set_default_timeout(30000)
    _admin_user(Role.LECTURER, "wang-laoshi")
    _admin_user(Role.REVIEWER, "shenhe")
    index = CourseIndexPage.objects.get()

    _admin_sign_in(page, base, "wang-laoshi")
    page.goto(f"{base}/admin/snippets/media_pipeline/mediaasset/add/")
    page.fill("#resumable-title", "积极倾听（讲座录像）")
    page.set_input_files("#resumable-file", str(clip(tmp_path, "landscape.mp4")))
    page.click("[data-upload-start]")
    # The lecturer lands on the media's page, which follows the processing.
    page.wait_for_url("**/admin/snippets/media_pipeline/mediaasset/inspect/*/")
    asset = MediaAsset.objects.get(title="积极倾听（讲座录像）")
    asset.refresh_from_db()
    assert asset.status == MediaAsset.Status.READY  # processed (eagerly in tests)
    page.wait_for_selector("video.media-status__preview")

    page.goto(base + reverse("wagtailadmin_pages:add", args=("courses", "coursepage", index.pk)))
    page.fill("#id_title", "倾听的力量")
    page.fill("#id_summary", "学会听孩子说话。")
    page.check(f"input[name=stages][value='{Stage.objects.get(code='primary_lower').pk}']")
    page.click("footer button[type=submit]")  # Save draft
    page.wait_for_url("**/admin/pages/*/edit/")
    course = CoursePage.objects.get(title="倾听的力量")

    page.goto(base + reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", course.pk)))
    page.fill("#id_title", "先听后说")
    page.click("[data-chooser-action-choose], button:has-text('Choose')")
    page.click(".modal >> text=积极倾听（讲座录像）")
    page.wait_for_selector(".modal", state="detached")
    page.click("footer button[type=submit]")  # Save draft
    page.wait_for_url("**/admin/pages/*/edit/")
    lesson = LessonPage.objects.get(title="先听后说")
    assert lesson.media_id == asset.pk

    for page_id in (course.pk, lesson.pk):
        page.goto(f"{base}/admin/pages/{page_id}/edit/")
        _footer_action(page, "Submit to 县级审核流程")
        page.wait_for_url("**/admin/pages/**")
    page.screenshot(path=str(ARTIFACTS / "lecturer-submitted.png"), full_page=True)
    course.refresh_from_db()
    assert not course.live and course.current_workflow_state.status == "in_progress"

    page.context.clear_cookies()
    _admin_sign_in(page, base, "shenhe")
    for page_id in (course.pk, lesson.pk):
        page.goto(f"{base}/admin/pages/{page_id}/edit/")
        _footer_action(page, "Approve")
        page.wait_for_selector(".messages .success, [role=status]")
    lesson.refresh_from_db()
    course.refresh_from_db()
    assert course.live and lesson.live
    page.goto(base + lesson.url)
    assert page.locator("video").count() == 1 and "先听后说" in page.inner_text("h1")
    page.screenshot(path=str(ARTIFACTS / "lesson-live.png"), full_page=True)
