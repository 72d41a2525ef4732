"""`make run` shows a current care notice in the demo class, to the head teacher and the
station, once however often the demo is loaded."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from lms.activities.demo import demo_coeducation_load
from lms.care.demo import demo_care_load
from lms.care.models import CareNotice
from lms.care.selectors import notices_received
from lms.ops.demo import demo_accounts_ensure
from lms.schools.demo import DEMO_SCHOOL_CODE, demo_school_load

pytestmark = pytest.mark.django_db


def test_the_demo_class_has_one_current_care_notice():
    demo_accounts_ensure()
    demo_school_load()
    demo_coeducation_load(school_code=DEMO_SCHOOL_CODE)
    assert demo_care_load(school_code=DEMO_SCHOOL_CODE)
    assert not demo_care_load(school_code=DEMO_SCHOOL_CODE)
    notice = CareNotice.objects.get()
    assert notice.status_on(timezone.localdate()) == "current"
    users = get_user_model().objects
    for username in ("demo-teacher", "demo-station", "demo-schooladmin"):
        assert list(notices_received(user=users.get(username=username))) == [notice]
