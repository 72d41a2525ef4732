from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.core.forms import DATE_INPUT
from lms.homevisits.models import HomeVisit


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=DATE_INPUT)
    form = forms.ChoiceField(label=_("Form"), choices=HomeVisit.Form.choices)
    participants = forms.CharField(label=_("Who took part"), max_length=120)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=HomeVisit.Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    follow_up_needed = forms.BooleanField(label=_("Follow-up needed"), required=False)
    notes = forms.CharField(
        label=_("Notes (seen only by the class's teachers and the school's administrators)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
