import pytest
from django.core.files import File

from lms.accounts.roles import Role
from lms.accounts.services import user_create
from media_pipeline.selectors import asset_ladder_problems
from media_pipeline.services import asset_create
from tests.media_pipeline.clips import clip


@pytest.fixture(scope="session")
def clips_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("clips")


@pytest.fixture
def make_clip(clips_dir):
    return lambda name: clip(clips_dir, name)


@pytest.fixture
def lecturer(db):
    return user_create(username="lecturer1", password="pw-lecturer-1", roles=[Role.LECTURER])


@pytest.fixture
def upload(make_clip, lecturer, django_capture_on_commit_callbacks):
    """Upload a clip as `lecturer`; the queued tasks run inline (eager)."""

    def _upload(name, *, user=None):
        with make_clip(name).open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
            asset = asset_create(
                file=File(handle, name=name),
                title=f"测试 {name}",
                original_name=name,
                uploaded_by=user or lecturer,
            )
        asset.refresh_from_db()
        if asset.status == asset.Status.READY:
            # Every ready asset in the tests passes the ladder check, as read from storage.
            assert asset_ladder_problems(asset) == []
        return asset

    return _upload
