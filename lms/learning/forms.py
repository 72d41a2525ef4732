from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.vocabulary import STAGES
from lms.learning.models import Guardianship


class ChildForm(forms.Form):
    nickname = forms.CharField(
        label=_("Child's nickname"),
        max_length=20,
        help_text=_(
            "A nickname is enough, such as Xiaoming or Dabao. Please do not enter full names."
        ),
    )
    relation = forms.ChoiceField(
        label=_("You are the child's"), choices=Guardianship.Relation.choices
    )
    birth_year = forms.IntegerField(label=_("Birth year"), required=False)
    birth_month = forms.IntegerField(
        label=_("Birth month"), required=False, min_value=1, max_value=12
    )
    stage = forms.ChoiceField(
        label=_("Or the school stage"),
        required=False,
        choices=[("", "—"), *[(s.code, s.label) for s in STAGES]],
    )

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not this_year - 18 <= year <= this_year:
            raise forms.ValidationError(
                _("Enter a birth year between %(low)s and %(high)s.")
                % {"low": this_year - 18, "high": this_year}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("birth_year") and not cleaned.get("stage"):
            raise forms.ValidationError(
                _("Give the birth year or the school stage, so we can suggest courses.")
            )
        return cleaned
