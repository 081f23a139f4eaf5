"""The one rule: whether a line can be bought, how many, and why not, in both languages."""

import pytest
from django.utils import translation

from cart.availability import at_most_message, capped_quantity, line_availability


@pytest.mark.parametrize(
    ("quantity", "available", "is_active", "code", "buyable", "problem", "notice"),
    [
        (3, 10, True, "ok", 3, "", ""),
        (3, 3, True, "ok", 3, "", ""),
        (
            5,
            2,
            True,
            "reduced",
            2,
            "Only 2 of Mug left — you have 5 in your cart.",
            "Only 2 left — quantity reduced to 2.",
        ),
        (5, 0, True, "out_of_stock", 0, "Mug is out of stock.", "Out of stock — not included in the total."),
        (5, 10, False, "inactive", 0, "Mug is no longer sold.", "No longer sold — not included in the total."),
        (5, 0, False, "inactive", 0, "Mug is no longer sold.", "No longer sold — not included in the total."),
    ],
)
def test_the_verdict_on_a_line(quantity, available, is_active, code, buyable, problem, notice):
    verdict = line_availability(quantity=quantity, available=available, is_active=is_active, name="Mug")

    assert (verdict.code, verdict.buyable, verdict.problem, verdict.notice) == (code, buyable, problem, notice)
    assert verdict.blocks_checkout == (code != "ok")


def test_the_verdict_reads_in_persian_with_the_name_isolated():
    verdict = line_availability(quantity=5, available=2, is_active=True, name="Blue Mug")

    with translation.override("fa"):
        assert verdict.problem == "از \u2068Blue Mug\u2069 فقط ۲ عدد موجود است — ۵ عدد در سبد خرید شماست."
        assert verdict.notice == "فقط ۲ عدد موجود است — تعداد به ۲ کاهش یافت."


@pytest.mark.parametrize(
    ("wanted", "available", "expected"),
    [
        (3, 10, (3, "")),
        (12, 10, (10, "Only 10 left — quantity set to 10.")),
        (150, 500, (99, "You can buy at most 99 of one product — quantity set to 99.")),
    ],
)
def test_what_the_shop_can_honour(wanted, available, expected):
    assert capped_quantity(wanted=wanted, available=available) == expected


def test_why_one_more_cannot_be_added():
    assert at_most_message(quantity=4, available=4) == "Only 4 left — you already have 4 in your cart."
    assert at_most_message(quantity=99, available=500) == "You already have the most we sell of one product (99)."
