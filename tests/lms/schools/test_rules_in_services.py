"""Rules the views used to decide, now in services and selectors: same answers, same words."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.schools.models import SchoolStaff
from lms.schools.selectors.joining import Invitation, invitation_find
from lms.schools.selectors.staff import lockout_scope
from lms.schools.services.classes import invite_expires_at_for, invite_rotate
from lms.schools.services.staff import staff_remove
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add

pytestmark = pytest.mark.django_db


def test_nobody_removes_their_own_post_and_the_post_stays():
    admin = staff_add(school_add(), admin=True)
    post = SchoolStaff.objects.get(user=admin)
    with pytest.raises(ServiceError, match="不能移除自己的职务。"):
        staff_remove(post=post, by=admin)
    assert SchoolStaff.objects.filter(pk=post.pk).exists()


def test_an_invitation_until_a_day_lasts_to_the_end_of_that_day():
    expires_at = invite_expires_at_for(expires_on=date(2026, 3, 1))
    local = timezone.localtime(expires_at)
    assert (local.date(), local.hour, local.minute) == (date(2026, 3, 1), 23, 59)
    assert invite_expires_at_for(expires_on=None) is None


def test_an_invitation_code_is_found_replaced_expired_or_unknown():
    school_class = class_add(school_add())
    old_code = school_class.invite_code
    assert invitation_find(code=old_code).school_class == school_class
    invite_rotate(school_class=school_class)
    assert invitation_find(code=old_code) == Invitation(None, "replaced")
    assert invitation_find(code="NOSUCH").unavailable == "unknown"
    school_class.invite_expires_at = timezone.now() - timedelta(minutes=1)
    school_class.save()
    found = invitation_find(code=school_class.invite_code)
    assert found.school_class is None and found.unavailable == "expired"
    assert school_class.invite_expired()
    assert not school_class.invite_expired(now=timezone.now() - timedelta(hours=1))


def test_a_school_admin_may_unlock_only_their_school_people_and_a_parent_nobody():
    school = school_add()
    admin = staff_add(school, admin=True)
    parent = parent_add()
    family_join(class_add(school), parent=parent)
    scope = lockout_scope(user=admin)
    assert scope.covers(parent.username) and scope.covers(parent.phone)
    assert not scope.covers("13000000000")
    assert lockout_scope(user=parent_add()) is None
