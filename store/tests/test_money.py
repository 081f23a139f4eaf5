from decimal import Decimal

import pytest
from django.template import Context, Template


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("0"), "$0.00"),
        (Decimal("8.5"), "$8.50"),
        (Decimal("12.99"), "$12.99"),
        (Decimal("1234.50"), "$1,234.50"),
        (Decimal("1000000.00"), "$1,000,000.00"),
    ],
)
def test_amounts_read_as_dollars_and_cents(amount, shown):
    assert Template("{% load money %}{{ amount|money }}").render(Context({"amount": amount})) == shown
