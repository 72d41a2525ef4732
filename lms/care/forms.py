from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.care.models import CareNotice
from lms.core.forms import DATE_INPUT


class CareNoticeForm(forms.Form):
    caregiver = forms.CharField(
        label=_("Who looks after the child"),
        max_length=20,
        help_text=_("As your family says it, e.g. Grandma or Auntie Wang. No ID numbers."),
    )
    relation = forms.ChoiceField(label=_("Relation to the child"), choices=CareNotice.Relation)
    phone = forms.CharField(
        label=_("Caregiver's mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Until"), widget=DATE_INPUT)
    call_rhythm = forms.ChoiceField(
        label=_("How often the parents call"), choices=CareNotice.CallRhythm
    )
    community = forms.TypedChoiceField(
        label=_("Your village or residents' committee"),
        coerce=int,
        help_text=_("Its family-education station sees this notice too."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", "---------"), *communities]
        if not self.is_bound and "starts_on" not in self.initial:
            self.fields["starts_on"].initial = timezone.localdate()

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["community_id"] = data.pop("community")
        return data
