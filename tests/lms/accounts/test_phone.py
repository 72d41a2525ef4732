import pytest
from django.core.exceptions import ValidationError

from lms.accounts.phone import phone_normalize, validate_phone


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        " 138 0013 8000 ",
        "138-0013-8000",
        "+86 138 0013 8000",
        "008613800138000",
        "8613800138000",
        "１３８００１３８０００",
    ],
)
def test_common_spellings_normalise(raw):
    assert phone_normalize(raw) == "13800138000"


@pytest.mark.parametrize(
    "raw", ["", "1380013800", "138001380001", "12800138000", "abc", "0571-88888888", "demo-parent"]
)
def test_non_mobile_numbers_are_refused(raw):
    assert phone_normalize(raw) is None


def test_validator_wants_the_normalised_form():
    validate_phone("13800138000")
    with pytest.raises(ValidationError, match="11 位"):
        validate_phone("138 0013 8000")
