"""Form fields that choose a row by id and answer a form error, not a 500, for any value.

Django's ModelChoiceField passes the submitted value to the database; a 30-digit number
overflows SQLite's and PostgreSQL's integers and raises instead of failing validation.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def _plausible_id(value) -> bool:
    return id_or_none(value) is not None


def id_or_none(value) -> int | None:
    """A database id from text (a query parameter, a form value), or None."""
    text = str(value).strip()
    if text.isascii() and text.isdigit() and len(text) <= 18 and int(text) > 0:
        return int(text)
    return None


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _plausible_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not _plausible_id(item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)
