"""The shop on a 390 px phone: a one-row header, two products a row, a category bar that shows it scrolls."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import UserFactory

from .conftest import PHONE, save_screenshot


@pytest.fixture
def phone(page: Page, catalog) -> Page:
    page.set_viewport_size(PHONE)
    return page


def test_the_logged_in_header_is_one_compact_row(phone: Page, live_server, log_in):
    log_in(UserFactory())
    phone.goto(f"{live_server.url}/")

    bar = phone.locator("header > div").first.bounding_box()
    name = phone.get_by_role("link", name="Corner Store").bounding_box()
    search = phone.get_by_role("searchbox", name="Search products").bounding_box()
    cart = phone.get_by_role("link", name="Cart, 0 items", exact=True).bounding_box()
    assert bar["height"] < 60
    assert name["y"] == pytest.approx(search["y"], abs=12)
    assert search["y"] == pytest.approx(cart["y"], abs=12)

    phone.get_by_role("navigation", name="Account").locator("summary").click()
    expect(phone.get_by_role("button", name="Log out")).to_be_visible()


def test_two_products_a_row(phone: Page, live_server):
    phone.goto(f"{live_server.url}/")

    cards = phone.get_by_test_id("product-card")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"]
    assert second["x"] > first["x"] + first["width"] - 1
    save_screenshot(phone, "phone-home")
    expect(cards.nth(1)).to_be_in_viewport()


def test_the_category_bar_hints_that_it_scrolls_and_shows_the_current_category(phone: Page, live_server):
    phone.goto(f"{live_server.url}/?category=garden")

    bar = phone.get_by_role("navigation", name="Categories").get_by_role("list")
    current = phone.get_by_role("navigation", name="Categories").get_by_role("link", name="Garden")
    expect(current).to_have_attribute("aria-current", "page")
    expect(current).to_be_in_viewport(ratio=1)
    expect(bar).to_have_attribute("data-scroll-hint", "more")

    bar.evaluate("bar => bar.scrollTo({left: bar.scrollWidth})")
    expect(bar).to_have_attribute("data-scroll-hint", "")


def test_the_cart_and_the_mini_cart_fit_a_phone(phone: Page, live_server, log_in):
    from cart.models import Cart, CartItem
    from store.models import Product

    user = UserFactory()
    cart = Cart.objects.create(user=user)
    for product in Product.objects.filter(on_hand__gt=3)[:3]:
        CartItem.objects.create(cart=cart, product=product, quantity=2, unit_price=product.price)
    log_in(user)
    phone.goto(f"{live_server.url}/cart/")

    overflow = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    assert phone.evaluate(overflow) is False
    save_screenshot(phone, "phone-cart")

    phone.get_by_role("link", name="Cart, 6 items", exact=True).click()
    dialog = phone.get_by_role("dialog", name="Your cart")
    expect(dialog.get_by_test_id("mini-cart-line")).to_have_count(3)
    assert dialog.bounding_box()["width"] <= PHONE["width"]
    save_screenshot(phone, "phone-mini-cart")
    expect(dialog.get_by_role("button", name="Close cart")).to_be_visible()
