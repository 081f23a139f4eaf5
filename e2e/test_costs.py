"""What things cost, said up front and the same everywhere: the cart, the mini-cart, checkout, the payment page,
the order page and the email show the same lines in the same order and the same total, in English and Persian."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import Page, expect

from orders.models import Order
from store.money import format_money
from tests.factories import CartItemFactory, ProductFactory, ShippingMethodFactory, UserFactory

from .conftest import SIZES, assert_accessible, assert_accessible_without_javascript, save_screenshot, use_language

STANDARD = {"en": "Standard", "fa": "ارسال عادی"}
EXPRESS = {"en": "Express", "fa": "ارسال سریع"}
FEEDER = {"en": "Bird Feeder", "fa": "دانه‌خوری پرندگان"}
TOWEL = {"en": "Tea Towel", "fa": "دستمال آشپزخانه"}


@pytest.fixture
def shopper(transactional_db, log_in):
    """A cart of a feeder ($23.00), then two towels ($9.50 each): $42.00, $8.00 short of free Standard shipping.

    The towel is the older product (the lower number): the order of the lines is the cart's, not the products'.
    """
    ShippingMethodFactory(name_fa=STANDARD["fa"], description_fa="۳ تا ۵ روز کاری")
    ShippingMethodFactory(
        name="Express",
        name_fa=EXPRESS["fa"],
        description="next working day",
        description_fa="روز کاری بعد",
        price=Decimal("12.95"),
        price_abroad=Decimal("29.95"),
        free_above=None,
        position=2,
    )
    towel = ProductFactory(name=TOWEL["en"], name_fa=TOWEL["fa"], price=Decimal("9.50"))
    feeder = ProductFactory(name=FEEDER["en"], name_fa=FEEDER["fa"], price=Decimal("23.00"))
    user = UserFactory()
    CartItemFactory(cart__user=user, product=feeder, quantity=1)
    CartItemFactory(cart__user=user, product=towel, quantity=2)
    log_in(user)
    return user


def money(amount: str, language: str) -> str:
    with translation.override(language):
        return format_money(Decimal(amount))


def named_with(amount: str) -> re.Pattern:
    """An accessible name with the amount in it: names drop the Persian amount's left-to-right mark, and their
    no-break space may read as a space."""
    return re.compile(re.escape(amount.removeprefix("\u200e")).replace("\u00a0", r"\s"))


def words(language: str, message: str, context: str = "") -> str:
    with translation.override(language):
        return pgettext(context, message) if context else gettext(message)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_same_lines_and_total_from_the_cart_to_the_email(page: Page, live_server, shopper, language, size):
    use_language(page, live_server, language)
    page.set_viewport_size(SIZES[size])
    lines = [FEEDER[language], TOWEL[language]]
    subtotal, shipping, total = money("42.00", language), money("4.95", language), money("46.95", language)

    page.goto(f"{live_server.url}/cart/")
    expect(page.get_by_test_id("cart-line").get_by_role("link")).to_have_text(lines)
    expect(page.get_by_test_id("cart-subtotal")).to_have_text(subtotal)
    expect(page.get_by_test_id("cart-shipping")).to_have_text(shipping)
    expect(page.get_by_test_id("cart-total")).to_have_text(total)
    # How much more makes it free, with a bar of how far the cart is: $42.00 of $50.00.
    note = page.get_by_text(money("8.00", language))
    expect(note).to_contain_text(STANDARD[language])
    expect(page.get_by_role("progressbar", name=note.inner_text())).to_have_attribute("value", "42.00")
    save_screenshot(page, f"costs-cart-{language}-{size}")
    # A full-page screenshot leaves empty style attributes, which htmx's swaps would copy (a CSP violation): afresh.
    page.reload()

    page.get_by_role("link", name=re.compile(re.escape(words(language, "Cart")))).first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("mini-cart-line").get_by_role("link")).to_have_text(lines)
    expect(dialog.get_by_test_id("mini-cart-shipping")).to_have_text(shipping)
    expect(dialog.get_by_test_id("mini-cart-total")).to_have_text(total)
    expect(dialog.get_by_text(money("8.00", language))).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, f"costs-mini-cart-{language}-{size}")

    dialog.get_by_role("link", name=words(language, "Check out")).click()
    expect(page.get_by_test_id("checkout-line").locator("bdi")).to_have_text(lines)
    expect(page.get_by_test_id("checkout-total")).to_have_text(total)
    # Each choice says its price: the Standard one also from when it is free.
    standard = page.get_by_role("radio", name=re.compile(STANDARD[language]))
    express = page.get_by_role("radio", name=re.compile(EXPRESS[language]))
    expect(standard).to_be_checked()
    expect(standard).to_have_accessible_name(named_with(shipping))
    expect(standard).to_have_accessible_name(named_with(money("50.00", language)))
    expect(express).to_have_accessible_name(named_with(money("12.95", language)))
    # Abroad, the prices change in the choices and the totals alike (one htmx request), and back.
    page.locator("[name=country]").select_option("FR")
    expect(standard).to_have_accessible_name(named_with(money("14.95", language)))
    expect(express).to_have_accessible_name(named_with(money("29.95", language)))
    expect(page.get_by_test_id("checkout-total")).to_have_text(money("56.95", language))
    page.locator("[name=country]").select_option("US")
    expect(page.get_by_test_id("checkout-total")).to_have_text(total)
    expect(standard).to_have_accessible_name(named_with(shipping))
    page.locator("[name=full_name]").fill("Ada Lovelace")
    page.locator("[name=street]").fill("1 Main Street")
    page.locator("[name=postal_code]").fill("12345")
    page.locator("[name=city]").fill("Springfield")
    assert_accessible(page)
    page.evaluate("window.scrollTo(0, 0)")
    save_screenshot(page, f"costs-checkout-{language}-{size}")
    page.get_by_role("button", name=named_with(total)).click()

    # The payment page: its amount, and the button that pays it (the demo provider's default: a successful payment).
    expect(page.locator("main")).to_contain_text(total)
    order = Order.objects.get(user=shopper)
    page.get_by_role("button", name=named_with(total)).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(order.reference)
    expect(page.get_by_test_id("order-line").locator("bdi")).to_have_text(lines)
    save_screenshot(page, f"costs-order-{language}-{size}")

    confirmation = next(message for message in mail.outbox if order.reference in message.subject)
    assert confirmation.body.index(lines[0]) < confirmation.body.index(lines[1])
    assert total in confirmation.body
    html = confirmation.alternatives[0].content
    assert html.index(lines[0]) < html.index(lines[1])
    assert total in html
    # The order page's total, the same as the cart's and the email's.
    expect(page.get_by_test_id("order-total")).to_have_text(total)


def test_without_javascript_the_cart_and_checkout_say_what_shipping_costs(
    no_js_page: Page, live_server, shopper, log_in
):
    page = no_js_page
    log_in(shopper, page.context)
    page.set_viewport_size(SIZES["phone"])

    page.goto(f"{live_server.url}/cart/")
    expect(page.get_by_test_id("cart-total")).to_have_text("$46.95")
    expect(page.get_by_text("Add $8.00 more for free shipping (Standard).")).to_be_visible()
    assert_accessible_without_javascript(page)

    page.get_by_role("link", name="Check out").click()
    page.locator("[name=country]").select_option("FR")
    page.get_by_role("button", name="Update totals").click()
    expect(page.get_by_role("radio", name=re.compile("^Standard"))).to_have_accessible_name(re.compile(r"\$14\.95"))
    expect(page.get_by_test_id("checkout-total")).to_have_text("$56.95")
    save_screenshot(page, "costs-checkout-no-js-phone")
    assert_accessible_without_javascript(page)
    expect(page.get_by_role("button", name="Place order for $56.95")).to_be_visible()


def test_a_cart_past_the_threshold_ships_free_and_says_so(page: Page, live_server, shopper):
    CartItemFactory(cart__user=shopper, product=ProductFactory(price=Decimal("8.00")))

    page.goto(f"{live_server.url}/cart/")

    expect(page.get_by_test_id("cart-shipping")).to_have_text("Free")
    expect(page.get_by_test_id("cart-total")).to_have_text("$50.00")
    expect(page.get_by_role("progressbar")).to_have_count(0)
    page.get_by_role("link", name="Check out").click()
    expect(page.get_by_role("radio", name=re.compile("^Standard"))).to_have_accessible_name(re.compile("Free"))
    expect(page.get_by_test_id("checkout-total")).to_have_text("$50.00")
