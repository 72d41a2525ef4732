import pytest
from django.core.management import call_command

from courses.models import CoursePage, Lecturer, LessonPage, TalkPage
from courses.vocabulary import STAGE_CODES
from media_pipeline.models import MediaAsset

pytestmark = pytest.mark.django_db


@pytest.mark.services("ffmpeg")
def test_demo_catalogue_is_complete_playable_and_loads_once(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):  # media is queued on commit
        call_command("load_demo_content")
    assert CoursePage.objects.live().count() >= 8
    assert LessonPage.objects.live().count() >= 30
    assert Lecturer.objects.count() >= 6 and TalkPage.objects.live().count() >= 4
    covered = set(CoursePage.objects.values_list("stages__code", flat=True))
    assert covered == set(STAGE_CODES)
    # Real clips made by ffmpeg, processed by the pipeline (tasks run inline in tests).
    assert MediaAsset.objects.count() == 4
    assert set(MediaAsset.objects.values_list("status", flat=True)) == {MediaAsset.Status.READY}
    assert LessonPage.objects.filter(media__isnull=False).count() >= 15

    edited = CoursePage.objects.first()
    edited.title = "县里改过的标题"
    edited.save_revision().publish()
    courses = CoursePage.objects.count()
    call_command("load_demo_content")
    assert CoursePage.objects.count() == courses and MediaAsset.objects.count() == 4
    edited.refresh_from_db()
    assert edited.title == "县里改过的标题"
