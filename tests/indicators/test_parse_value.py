"""Typed values: thousands separators are read, a decimal comma is refused rather than guessed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lantu.indicators.services import parse_value


@pytest.mark.parametrize(
    ("text", "value"),
    [("2600", "2600"), ("1,234.5", "1234.5"), ("12,345,678", "12345678"), ("-1，000", "-1000")],
)
def test_thousands_separators_are_read(text, value):
    assert parse_value(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,5", "1，5", "1,2,3", "12,34"])
def test_a_comma_that_is_not_a_thousands_separator_is_refused(text):
    with pytest.raises(ValidationError, match="write decimals with a point"):
        parse_value(text)
