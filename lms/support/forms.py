from datetime import timedelta

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from lms.core.fields import IdChoiceField
from lms.core.forms import DATE_INPUT
from lms.support.models import Category, SupportAction


class RecordForm(forms.Form):
    student = forms.ChoiceField(label=_("Student"))
    categories = forms.MultipleChoiceField(
        label=_("Categories"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    caregiver = forms.CharField(label=_("Who cares for the child"), max_length=80)
    parents_work_location = forms.CharField(
        label=_("Where the parents work (left-behind children)"), max_length=80, required=False
    )
    contact_rhythm = forms.CharField(
        label=_("How often the parents are in touch"), max_length=80, required=False
    )
    needs = forms.CharField(label=_("Needs"), widget=forms.Textarea(attrs={"rows": 3}))
    plan = forms.CharField(
        label=_("Support plan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    responsible = forms.ChoiceField(label=_("Responsible teacher"))
    next_review_on = forms.DateField(label=_("Next review"), widget=DATE_INPUT)

    def __init__(self, *args, students, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {str(post.user_id): post.user for post in staff}
        self.fields["responsible"].choices = [
            (str(post.user_id), f"{post.school.name} · {post.user.display_name or post.user}")
            for post in staff
        ]
        self.students = {str(s.pk): s for s in students}
        self.fields["student"].choices = [
            (key, f"{s.school_class.school.name} · {s.school_class} · {s.nickname}")
            for key, s in self.students.items()
        ]
        self.fields["next_review_on"].initial = timezone.localdate() + timedelta(days=30)


class ActionForm(forms.Form):
    done_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    kind = forms.ChoiceField(label=_("Kind"), choices=SupportAction.Kind.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    next_review_on = forms.DateField(
        label=_("Next review (optional)"), widget=DATE_INPUT, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


# Courses written for these families come first in the list (topics from the vocabulary).
CARE_TOPICS = ("留守儿童关爱", "特殊需要儿童", "祖辈协同教养")


class CourseSendForm(forms.Form):
    course = IdChoiceField(label=_("Course"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        care = CoursePage.objects.filter(topics__name__in=CARE_TOPICS).values("pk")
        self.fields["course"].queryset = (
            CoursePage.objects.live()
            .public()
            .annotate(for_care=Exists(care.filter(pk=OuterRef("pk"))))
            .order_by("-for_care", "title")
        )
