"""Reads for the staff about the families of their classes."""

from __future__ import annotations

from lms.schools.models import Guardian


def guardians_unverified(*, school_classes=None, school=None):
    """Families linked to a child whose account's number was never proved by an SMS code and
    whom no teacher has confirmed: claims made before codes existed, for the school to check.
    A family drops off the list when the parent signs in by code or a teacher confirms them."""
    found = Guardian.objects.filter(
        user__isnull=False,
        status=Guardian.Status.ACTIVE,
        confirmed_at__isnull=True,
        user__phone_verified_at__isnull=True,
    ).select_related("student__school_class__school", "user")
    if school_classes is not None:
        found = found.filter(student__school_class__in=school_classes)
    if school is not None:
        found = found.filter(student__school_class__school=school)
    return found.order_by("student__school_class__school__code", "student__school_class", "pk")
