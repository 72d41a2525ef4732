from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, LessonPage
from lms.core.fields import IdChoiceField, IdMultipleChoiceField
from lms.core.forms import DATE_INPUT
from lms.learning.models import Guardianship
from lms.schools.grades import GRADE_CHOICES
from lms.schools.models import Assignment
from lms.schools.selectors.assignments import assignable_courses


class ClassForm(forms.Form):
    school = IdChoiceField(label=_("School"), queryset=None, empty_label=None)
    grade = forms.ChoiceField(label=_("Grade"), choices=GRADE_CHOICES)
    name = forms.CharField(
        label=_("Class"), max_length=20, help_text=_("For example 2, for class 2.")
    )
    requires_approval = forms.BooleanField(label=_("New families need my approval"), required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class InviteSettingsForm(forms.Form):
    requires_approval = forms.BooleanField(label=_("New families need my approval"), required=False)
    expires_on = forms.DateField(
        label=_("Invitation valid until"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty to keep it valid until you replace it."),
    )

    def clean_expires_on(self):
        expires = self.cleaned_data.get("expires_on")
        if expires and expires < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return expires


class JoinForm(forms.Form):
    child = forms.ChoiceField(label=_("Your child"), required=False)
    nickname = forms.CharField(
        label=_("Child's nickname"),
        max_length=20,
        required=False,
        help_text=_("A nickname is enough, as the teacher knows the child, e.g. Xiaoming."),
    )
    relation = forms.ChoiceField(
        label=_("You are the child's"), choices=Guardianship.Relation.choices
    )

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.children = {str(child.pk): child for child in children}
        if self.children:
            self.fields["child"].choices = [
                *[(key, child.nickname) for key, child in self.children.items()],
                ("", _("Another child (type the nickname below)")),
            ]
        else:
            del self.fields["child"]

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("child")
        cleaned["child_obj"] = self.children.get(chosen) if chosen else None
        if cleaned["child_obj"] is None and not (cleaned.get("nickname") or "").strip():
            self.add_error("nickname", _("Tell us your child's nickname."))
        return cleaned


class AssignmentForm(forms.Form):
    """The course first; its lessons are optional and folded. Every course's lessons are in
    the page, each group under its course's name, and static/js/assignment_form.js shows only
    the chosen course's group; the service refuses lessons of another course either way."""

    course = IdChoiceField(
        label=_("Course"),
        queryset=None,
        empty_label=_("Choose a course"),
        error_messages={
            "invalid_choice": _("Choose one of the listed courses: published and with lessons.")
        },
    )
    lessons = IdMultipleChoiceField(
        label=_("Only these lessons (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to assign the whole course."),
        error_messages={"invalid_choice": _("Choose published lessons of the course.")},
    )
    scope = forms.ChoiceField(label=_("For"), choices=Assignment.Scope.choices)
    school_class = forms.ChoiceField(label=_("Class"), required=False)
    grade = forms.ChoiceField(label=_("Grade"), required=False, choices=[("", "—"), *GRADE_CHOICES])
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_INPUT)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_INPUT)
    note = forms.CharField(label=_("A note to families (optional)"), max_length=200, required=False)

    def __init__(self, *args, classes, allow_wide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.classes = {str(c.pk): c for c in classes}
        self.fields["school_class"].choices = [(key, str(c)) for key, c in self.classes.items()]
        self.choices = assignable_courses()
        self.fields["course"].queryset = CoursePage.objects.filter(
            pk__in=[item.course.pk for item in self.choices]
        ).order_by("title", "pk")
        self.fields["lessons"].queryset = LessonPage.objects.filter(
            pk__in=[lesson.pk for item in self.choices for lesson in item.lessons]
        )
        if not allow_wide:
            self.fields["scope"].choices = [Assignment.Scope.choices[0]]
            self.fields["scope"].initial = Assignment.Scope.CLASS
            del self.fields["grade"]
        # A teacher assigning to their one class has nothing to choose there: no taps spent.
        self.fixed_class = None
        if not allow_wide and len(self.classes) == 1:
            self.fixed_class = next(iter(self.classes.values()))
            self.fields["scope"].widget = forms.HiddenInput()
            self.fields["school_class"].widget = forms.HiddenInput()
            self.fields["school_class"].initial = str(self.fixed_class.pk)
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["due_on"].initial = today + timedelta(days=14)

    def lesson_groups(self) -> list[tuple[CoursePage, list]]:
        """Each course with the checkboxes of its lessons (ticks kept when re-shown)."""
        boxes = {str(box.data["value"]): box for box in self["lessons"]}
        return [
            (item.course, [boxes[str(lesson.pk)] for lesson in item.lessons])
            for item in self.choices
        ]

    def lesson_group_open(self) -> str:
        """The course whose lessons were ticked (its group is shown unfolded)."""
        if not self.is_bound or not self.data.getlist("lessons"):
            return ""
        return str(self.data.get("course", ""))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == Assignment.Scope.CLASS:
            cleaned["class_obj"] = self.classes.get(cleaned.get("school_class") or "")
            if cleaned["class_obj"] is None:
                self.add_error("school_class", _("Choose a class."))
        return cleaned


class ExceptionForm(forms.Form):
    excused = forms.BooleanField(label=_("Excuse this family"), required=False)
    due_on = forms.DateField(label=_("Or give a later due date"), required=False, widget=DATE_INPUT)


class RosterForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (CSV or XLSX)"),
        help_text=_("Columns: 年级, 班级, 学生, 家长, 手机号, 关系. One row per family member."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, import nothing"), required=False, initial=True
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class StaffAddForm(forms.Form):
    who = forms.CharField(
        label=_("Mobile number or username"),
        max_length=150,
        help_text=_("The person registers first; then add them here."),
    )
    is_admin = forms.BooleanField(label=_("School administrator"), required=False)

    def clean_who(self):
        from django.contrib.auth import get_user_model

        from lms.accounts.phone import phone_normalize

        text = self.cleaned_data["who"].strip()
        users = get_user_model().objects
        user = users.filter(phone=phone_normalize(text)).first() if phone_normalize(text) else None
        user = user or users.filter(username=text).first()
        if user is None:
            raise forms.ValidationError(
                _("No account with that number or username. Ask them to register first.")
            )
        return user


class ClassTeachersForm(forms.Form):
    head_teacher = IdChoiceField(label=_("Head teacher"), queryset=None, required=False)
    teachers = IdMultipleChoiceField(
        label=_("Other teachers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head_teacher"].queryset = staff
        self.fields["teachers"].queryset = staff
