from __future__ import annotations

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lms.core.fields import IdChoiceField, IdMultipleChoiceField
from lms.notices.attachments import MAX_FILES
from lms.notices.models import BODY_MAX, TITLE_MAX, Notice
from lms.schools.grades import GRADE_CHOICES
from lms.schools.models import School

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); the service checks them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class NoticeForm(forms.Form):
    """Post a notice. `schools` (a list) and `classes` are what the user may address; `may_urgent`
    whether they administer a school (only then is "urgent" offered)."""

    school = IdChoiceField(label=_("School"), queryset=None, empty_label=None)
    audience = forms.ChoiceField(
        label=_("For"), choices=Notice.Audience.choices, initial=Notice.Audience.CLASSES
    )
    classes = IdMultipleChoiceField(
        label=_("Classes"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    grade = forms.ChoiceField(label=_("Grade"), required=False, choices=[("", "—"), *GRADE_CHOICES])
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=pgettext_lazy("notice", "Text"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; line breaks are kept."),
    )
    asks_confirmation = forms.BooleanField(
        label=_("Ask families to confirm they have read it"), required=False
    )
    urgent = forms.BooleanField(
        label=_("Urgent (sent at once, not in the daily digest)"), required=False
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at (empty: now)"),
        required=False,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format=DATETIME_FORMAT, attrs={"type": "datetime-local"}),
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    def __init__(self, *args, schools, classes, may_urgent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per request: a lazy string formatted at import would lose its language.
        self.fields["attachments"].label = gettext(
            "Attachments (PDF, Word, Excel, JPG, PNG; at most %(count)s)"
        ) % {"count": MAX_FILES}
        self.fields["school"].queryset = School.objects.filter(pk__in=[s.pk for s in schools])
        if len(schools) == 1:
            self.fields["school"].widget = forms.HiddenInput()
            self.fields["school"].initial = schools[0].pk
        self.fields["classes"].queryset = classes
        self.fields["classes"].label_from_instance = lambda c: f"{c.school.name} · {c}"
        only = list(classes[:2])
        if len(only) == 1:  # a teacher with one class should not have to tick it
            self.fields["classes"].initial = [only[0].pk]
        if not may_urgent:
            del self.fields["urgent"]
            self.fields["audience"].choices = [
                (Notice.Audience.CLASSES, Notice.Audience.CLASSES.label)
            ]
            del self.fields["grade"]
