from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.messaging.models import Report


def teacher_name(user) -> str:
    return str(user)  # the display name, else the full name, else the username


class BodyForm(forms.Form):
    # No max_length here: the browser would cut a pasted text short without a word; the
    # service refuses an over-long message and the form keeps what was typed.
    body = forms.CharField(
        label=gettext_lazy("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        required=False,
        help_text=gettext_lazy("Plain text, up to 2,000 characters."),
    )


class NewThreadForm(BodyForm):
    to = forms.CharField(label=gettext_lazy("Write to"), widget=forms.Select)
    subject = forms.CharField(
        label=gettext_lazy("Subject (optional)"), required=False, max_length=80
    )
    field_order = ["to", "subject", "body"]

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].widget.choices = [
            (
                r.key,
                _("%(child)s · %(teacher)s (head teacher)")
                % {"child": r.student.nickname, "teacher": teacher_name(r.teacher)}
                if r.head
                else _("%(child)s · %(teacher)s (subject teacher)")
                % {"child": r.student.nickname, "teacher": teacher_name(r.teacher)},
            )
            for r in recipients
        ]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why are you reporting it?"), choices=Report.Reason.choices
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the school (optional)"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SchoolMessagingForm(forms.Form):
    subject_teachers = forms.BooleanField(
        label=gettext_lazy("Families may also write to the class's subject teachers"),
        required=False,
        help_text=gettext_lazy("Off: families write only to the head teacher."),
    )
