"""What every lms form shares: the date input and the way a service's refusal is shown."""

from __future__ import annotations

from django import forms

from lms.core.errors import ServiceError

# ISO dates whatever the language: <input type=date> accepts nothing else.
DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def form_error_add(form: forms.Form, error: ServiceError) -> None:
    """Show `error` on its field when the form has that field, else above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))
