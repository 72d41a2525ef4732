"""The designation pages in the admin: every write goes through the services, so it is
checked (never oneself, only the school's staff or bureau staff) and audited."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views import snippets as snippet_views

from lms.schools.models import SchoolStaff
from lms.support.models import Designation
from lms.support.services import (
    SupportError,
    designation_candidates,
    designation_change,
    designation_check,
    designation_end,
    designation_grant,
)


def _user_choices() -> list[tuple[str, str]]:
    """Staff of every school (labelled with the school) and bureau staff; nobody else."""
    choices = [("", "---------")]
    posts = SchoolStaff.objects.select_related("school", "user").order_by(
        "school__name", "user__display_name", "user__username"
    )
    seen = set()
    for post in posts.filter(user__is_active=True):
        choices.append((str(post.user_id), f"{post.school.name} · {_name(post.user)}"))
        seen.add(post.user_id)
    for user in designation_candidates(school=None).order_by("display_name", "username"):
        if user.pk not in seen:
            choices.append((str(user.pk), f"{_('bureau')} · {_name(user)}"))
    return choices


def _name(user) -> str:
    return f"{user.display_name} ({user.username})" if user.display_name else user.username


class DesignationForm(WagtailAdminModelForm):
    class Meta:
        model = Designation
        fields = ["user", "school"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any account validates, so a forged choice (a parent) gets the service's clear,
        # audited refusal; the list itself offers only staff.
        self.fields["user"].queryset = get_user_model().objects.all()
        self.fields["user"].widget.choices = _user_choices()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        current = self.instance if self.instance.pk else None
        try:
            designation_check(
                by=self.for_user,
                user=data.get("user"),
                school=data.get("school"),
                permission="support.change_designation" if current else "support.add_designation",
                current=current,
            )
        except SupportError as error:
            self.add_error(error.field if error.field in self.fields else None, str(error))
        return data

    def validate_unique(self):
        """Duplicates are refused (and audited) by the service check in clean()."""


class DesignationCreateView(snippet_views.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return designation_grant(by=self.request.user, user=data["user"], school=data["school"])


class DesignationEditView(snippet_views.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return designation_change(
            by=self.request.user, designation=self.object, user=data["user"], school=data["school"]
        )


class DesignationDeleteView(snippet_views.DeleteView):
    def delete_action(self):
        designation_end(by=self.request.user, designation=self.object)
