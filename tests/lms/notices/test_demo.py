import pytest
from django.contrib.auth import get_user_model

from lms.notices.demo import DEMO_TITLE, demo_notices_load
from lms.notices.models import Notice
from lms.notices.selectors import confirmation_tally, notices_for_family
from lms.ops.demo import demo_accounts_ensure
from lms.schools.demo import DEMO_SCHOOL_CODE, demo_school_load

pytestmark = pytest.mark.django_db


def test_the_demo_class_gets_one_notice_asking_confirmation_once():
    demo_accounts_ensure()
    demo_school_load()
    assert demo_notices_load(school_code=DEMO_SCHOOL_CODE)
    assert not demo_notices_load(school_code=DEMO_SCHOOL_CODE)  # again: nothing duplicated
    notice = Notice.objects.get()
    assert notice.title == DEMO_TITLE and notice.asks_confirmation
    assert confirmation_tally(notice=notice).confirmed == 0
    parent = get_user_model().objects.get(username="demo-parent")
    assert [item.notice for item in notices_for_family(user=parent)] == [notice]
