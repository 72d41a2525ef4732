"""The designation pages in the admin: every write goes through the services, so it is
checked (never oneself, only the school's staff or bureau staff) and audited."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views import snippets as snippet_views

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.support.models import Designation
from lms.support.selectors import (
    designation_accounts,
    designation_bureau_candidates,
    designation_posts,
)
from lms.support.services import (
    designation_change,
    designation_check,
    designation_end,
    designation_grant,
)

BUREAU = "bureau"


def _user_choices() -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Staff of every school (labelled with the school) and bureau staff; nobody else. With
    each, where they may be designated (a school id, or "bureau"), for the page's filter."""
    choices, places = [("", "---------")], {}
    for post in designation_posts():
        key = f"{post.user_id}:{post.school_id}"
        choices.append((key, f"{post.school.name} · {_name(post.user)}"))
        places[key] = str(post.school_id)
    for user in designation_bureau_candidates():
        key = f"{user.pk}:{BUREAU}"
        choices.append((key, f"{_('bureau')} · {_name(user)}"))
        places[key] = BUREAU
    return choices, places


class StaffSelect(forms.Select):
    """Options carry where the person works, so designation_form.js can show only the
    chosen school's staff (or bureau staff when no school is chosen)."""

    places: dict[str, str] = {}
    _current: set[str] = set()

    def optgroups(self, name, value, attrs=None):
        self._current = {str(v) for v in value if v}
        return super().optgroups(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        key = str(value)
        user_id = key.split(":")[0]
        selected = selected or user_id in self._current
        option = super().create_option(name, user_id, label, selected, index, subindex, attrs)
        if key in self.places:
            option["attrs"]["data-place"] = self.places[key]
        return option


def _name(user) -> str:
    return f"{user.display_name} ({user.username})" if user.display_name else user.username


class DesignationForm(WagtailAdminModelForm):
    class Meta:
        model = Designation
        fields = ["user", "school"]

    class Media:
        js = ["js/designation_form.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any account validates, so a forged choice (a parent) gets the service's clear,
        # audited refusal; the list itself offers only staff.
        field = self.fields["user"]
        field.queryset = designation_accounts()
        choices, places = _user_choices()
        field.widget = StaffSelect(choices=choices)
        field.widget.places = places

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
        except ServiceError as error:
            form_error_add(self, error)
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
