"""Form controls in the shop's colours, and one primary action per panel, in English and Persian."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from tests.factories import CartItemFactory, ShippingMethodFactory, UserFactory

from .conftest import SIZES, assert_accessible, save_screenshot, use_language

THEME_GREEN = "oklch(0.508 0.118 165.612)"  # Tailwind's emerald-700, the primary buttons' colour
EMERALD_50 = "oklch(0.979 0.021 166.113)"


def words(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


STYLE_OF = "(element, property) => getComputedStyle(element).getPropertyValue(property)"


@pytest.fixture
def shopper(transactional_db, log_in):
    ShippingMethodFactory()
    ShippingMethodFactory(name="Express", price=Decimal("12.95"), price_abroad=Decimal("29.95"), position=2)
    user = UserFactory()
    CartItemFactory(cart__user=user, product__price=Decimal("12.00"))
    log_in(user)
    return user


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "fa"])
def test_radios_and_the_country_list_in_the_theme_and_one_primary_action_in_the_mini_cart(
    page: Page, live_server, shopper, language, size
):
    use_language(page, live_server, language)
    page.set_viewport_size(SIZES[size])

    page.goto(live_server.url + reverse("orders:checkout"))
    radio = page.get_by_role("radio").first
    expect(radio).to_be_checked()
    assert radio.evaluate(STYLE_OF, "accent-color") == THEME_GREEN
    country = page.locator("select[name=country]")
    assert country.evaluate(STYLE_OF, "appearance") == "base-select"
    country.click()  # the open list, drawn in the fields' look with the chosen country in the theme's green
    chosen = country.locator("option:checked")
    expect(chosen).to_be_visible()
    assert chosen.evaluate(STYLE_OF, "background-color") == EMERALD_50
    save_screenshot(page, f"theme-country-list-{language}-{size}")
    page.keyboard.press("Escape")

    page.locator("[data-mini-cart-url]").click()
    dialog = page.get_by_role("dialog")
    check_out = dialog.get_by_role("link", name=words(language, "Check out"), exact=True)
    view_cart = dialog.get_by_role("link", name=words(language, "View cart"), exact=True)
    expect(view_cart).to_be_visible()
    # One solid button: Check out in the theme's green; View cart outlined on white.
    assert check_out.evaluate(STYLE_OF, "background-color") == THEME_GREEN
    assert view_cart.evaluate(STYLE_OF, "background-color") == "rgb(255, 255, 255)"
    assert view_cart.evaluate(STYLE_OF, "border-top-color") == THEME_GREEN
    assert_accessible(page)
    save_screenshot(page, f"theme-mini-cart-{language}-{size}")
    expect(check_out).to_be_visible()  # the one primary action, there to press
