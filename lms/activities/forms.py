from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Lecturer
from lms.activities.models import Activity, SurveyResponse
from lms.core.fields import IdChoiceField, id_or_none
from lms.core.forms import DATE_INPUT
from lms.schools.grades import GRADE_CHOICES

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _with_moments(cleaned: dict) -> dict:
    """The day and the two local times as aware `starts_at` / `ends_at`."""
    day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
    if day and starts and ends:
        zone = timezone.get_current_timezone()
        cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, starts), zone)
        cleaned["ends_at"] = timezone.make_aware(datetime.combine(day, ends), zone)
    return cleaned


class ActivityForm(forms.Form):
    """Schedule an activity; `organisers` are the (key, label, object) the user may act for."""

    organiser = forms.ChoiceField(label=_("Organiser"))
    title = forms.CharField(label=_("Title"), max_length=120)
    # Reception days are opened as slots on their own page.
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[c for c in Activity.Kind.choices if c[0] != Activity.Kind.RECEPTION_DAY],
    )
    day = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    starts = forms.TimeField(label=_("From"), widget=TIME_INPUT, initial=time(19, 0))
    ends = forms.TimeField(label=_("To"), widget=TIME_INPUT, initial=time(20, 0))
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    live_link = forms.URLField(
        label=_("Live link (online activities)"), required=False, assume_scheme="https"
    )
    audience = forms.ChoiceField(label=_("For"), choices=Activity.Audience.choices)
    classes = forms.MultipleChoiceField(
        label=_("Classes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    grade = forms.ChoiceField(label=_("Grade"), required=False, choices=[("", "—"), *GRADE_CHOICES])
    capacity = forms.IntegerField(label=_("Places (empty: no limit)"), required=False, min_value=1)
    credit_hours = forms.DecimalField(
        label=_("Credit hours for attending"),
        max_digits=3,
        decimal_places=1,
        initial=1,
        min_value=0,
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, organisers, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisers = {key: obj for key, _label, obj in organisers}
        self.fields["organiser"].choices = [(key, label) for key, label, _obj in organisers]
        self.classes = {str(c.pk): c for c in classes}
        self.fields["classes"].choices = [
            (key, f"{c.school.name} · {c}") for key, c in self.classes.items()
        ]
        self.fields["day"].initial = timezone.localdate() + timedelta(days=7)

    def clean(self):
        cleaned = super().clean()
        organiser = self.organisers.get(cleaned.get("organiser") or "")
        cleaned["organiser_obj"] = organiser
        cleaned["class_objs"] = [self.classes[key] for key in cleaned.get("classes") or []]
        return _with_moments(cleaned)


class SurveyForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How useful was it for your family?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = SurveyResponse
        fields = ["rating", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class TalkRequestForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=120)
    preferred_dates = forms.CharField(label=_("Dates that suit the school"), max_length=120)
    audience_note = forms.CharField(
        label=_("Audience (grades, number of families)"), max_length=120, required=False
    )


class TalkAssignForm(forms.Form):
    lecturer = IdChoiceField(label=_("Lecturer"), queryset=Lecturer.objects.all())
    day = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    starts = forms.TimeField(label=_("From"), widget=TIME_INPUT, initial=time(15, 0))
    ends = forms.TimeField(label=_("To"), widget=TIME_INPUT, initial=time(16, 30))
    place = forms.CharField(label=_("Place"), max_length=120)

    def clean(self):
        cleaned = super().clean()
        return _with_moments(cleaned)


class ReceptionDayForm(forms.Form):
    """Open reception-day slots for one class; `classes` are those the user may open for."""

    school_class = IdChoiceField(label=_("Class"), queryset=None)
    day = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    starts = forms.TimeField(label=_("From"), widget=TIME_INPUT, initial=time(16, 0))
    ends = forms.TimeField(label=_("To"), widget=TIME_INPUT, initial=time(17, 30))
    minutes = forms.IntegerField(
        label=_("Minutes per slot"), initial=15, min_value=5, max_value=120
    )
    by_phone = forms.BooleanField(label=_("By telephone (no place)"), required=False)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes
        self.fields["school_class"].label_from_instance = lambda c: f"{c.school.name} · {c}"
        self.fields["day"].initial = timezone.localdate() + timedelta(days=7)


class ReceptionBookForm(forms.Form):
    """Which child the slot is for (a family with one child in the class need not choose)."""

    student = forms.CharField(required=False)

    def clean_student(self) -> int | None:
        text = self.cleaned_data.get("student") or ""
        if text and id_or_none(text) is None:
            raise forms.ValidationError(_("Choose which child the slot is for."))
        return id_or_none(text) if text else None
