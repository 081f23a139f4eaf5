from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from store.money import format_money


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


# CLDR's Persian currency pattern starts with a left-to-right mark (U+200E), so the symbol stays on the left
# of the number inside right-to-left text; U+00A0 is a no-break space, ٬ and ٫ Persian's group and decimal signs.
@pytest.mark.parametrize(
    ("language", "currency", "amount", "shown"),
    [
        ("en", "USD", Decimal("12.5"), "$12.50"),
        ("en", "USD", Decimal("1234567.80"), "$1,234,567.80"),
        ("fa", "USD", Decimal("12.5"), "\u200e$\u00a0۱۲٫۵۰"),
        ("fa", "USD", Decimal("1234567.80"), "\u200e$\u00a0۱٬۲۳۴٬۵۶۷٫۸۰"),
        # The rial has no minor unit: no decimals, in either language.
        ("en", "IRR", Decimal("1250000"), "IRR\u00a01,250,000"),
        ("en", "IRR", Decimal("0"), "IRR\u00a00"),
        ("fa", "IRR", Decimal("1250000"), "\u200eریال\u00a0۱٬۲۵۰٬۰۰۰"),
        ("fa", "IRR", Decimal("980"), "\u200eریال\u00a0۹۸۰"),
    ],
)
def test_amounts_follow_the_active_language_and_the_shop_currency(settings, language, currency, amount, shown):
    settings.SHOP_CURRENCY = currency
    with translation.override(language):
        assert format_money(amount) == shown


def test_the_english_of_the_united_states_writes_amounts_as_english_does():
    with translation.override("en-us"):
        assert format_money(Decimal("1234.5")) == "$1,234.50"


def test_a_negative_amount_keeps_its_sign(settings):
    with translation.override("fa"):
        assert format_money(Decimal("-3")) == "-\u200e$\u00a0۳٫۰۰"
