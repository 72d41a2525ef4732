"""The heartbeat's body is checked strictly, and every refusal names its field."""

import pytest

from lms.core.errors import ServiceError
from lms.learning.payloads import MAX_INTERVALS, payload_parse


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ([], "body"),
        ({"intervals": "x"}, "intervals"),
        ({"intervals": [[1]]}, "intervals[0]"),
        ({"intervals": [["a", 2]]}, "intervals[0][0]"),
        ({"intervals": [[-1, 2]]}, "intervals[0][0]"),
        ({"intervals": [[5, 2]]}, "intervals[0]"),
        ({"intervals": [[0, float("inf")]]}, "intervals[0][1]"),
        ({"intervals": [[0, float("nan")]]}, "intervals[0][1]"),
        ({"intervals": [[True, 2]]}, "intervals[0][0]"),
        ({"intervals": [[0, 1]] * (MAX_INTERVALS + 1)}, "intervals"),
        ({"position": "3"}, "position"),
        ({"position": -1}, "position"),
    ],
)
def test_bad_payloads_name_the_field(payload, field):
    with pytest.raises(ServiceError) as error:
        payload_parse(payload)
    assert error.value.field == field
