from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from cart.models import CartItem
from store.models import Product
from tests.factories import UserFactory

from .conftest import DESKTOP, format_violations, save_screenshot, serious_accessibility_violations


def mark_page(page: Page) -> None:
    """A marker that only survives while the browser stays on the same document."""
    page.evaluate("window.sameDocument = true")


def assert_same_page(page: Page) -> None:
    assert page.evaluate("window.sameDocument") is True


def test_add_from_the_list_updates_the_badge_without_navigation(page: Page, live_server, shopper):
    page.goto(live_server.url)
    mark_page(page)

    card = page.get_by_test_id("product-card").filter(has_text="Bird Feeder")
    card.get_by_role("button", name="Add to cart").click()

    expect(page.get_by_role("link", name="Cart, 1 item", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Added Bird Feeder to your cart.")
    assert_same_page(page)
    expect(page).to_have_url(f"{live_server.url}/")


def test_add_from_the_detail_page_with_a_quantity(page: Page, live_server, shopper):
    page.goto(f"{live_server.url}/products/hand-grinder/")
    mark_page(page)

    page.get_by_label("Quantity").fill("3")
    page.get_by_role("article").get_by_role("button", name="Add to cart").click()

    expect(page.get_by_role("link", name="Cart, 3 items", exact=True)).to_be_visible()
    assert_same_page(page)
    assert CartItem.objects.get(cart__user=shopper).quantity == 3
    expect(page.get_by_role("status")).to_contain_text("Added Hand Grinder to your cart.")


def test_plus_minus_typed_quantity_remove_and_undo_inline(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/cart/")
    mark_page(page)
    total = page.get_by_test_id("cart-subtotal")
    expect(total).to_have_text("$181.00")

    page.get_by_role("button", name="Increase quantity of Hand Grinder").click()
    expect(total).to_have_text("$260.00")
    expect(page.get_by_role("link", name="Cart, 4 items", exact=True)).to_be_visible()

    page.get_by_role("button", name="Decrease quantity of Bird Feeder").click()
    expect(page.get_by_test_id("cart-line")).to_have_count(1)
    expect(total).to_have_text("$237.00")

    quantity = page.get_by_role("textbox", name="Quantity of Hand Grinder")
    quantity.fill("5")
    quantity.press("Enter")
    expect(total).to_have_text("$395.00")
    expect(page.get_by_test_id("line-subtotal")).to_have_text("$395.00")

    page.get_by_role("button", name="Remove Hand Grinder from cart").click()
    expect(page.get_by_test_id("cart-line")).to_have_count(0)
    expect(page.get_by_text("Your cart is empty.")).to_be_visible()
    expect(page.get_by_role("link", name="Cart, 0 items", exact=True)).to_be_visible()

    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(page.get_by_test_id("cart-line")).to_have_count(1)
    expect(total).to_have_text("$395.00")
    assert_same_page(page)
    expect(page.get_by_role("link", name="Cart, 5 items", exact=True)).to_be_visible()


def test_a_quantity_above_stock_is_capped_with_a_message(page: Page, live_server, filled_cart):
    Product.objects.filter(slug="bird-feeder").update(on_hand=3)
    page.goto(f"{live_server.url}/cart/")

    quantity = page.get_by_role("textbox", name="Quantity of Bird Feeder")
    quantity.fill("8")
    quantity.press("Tab")

    expect(page.get_by_role("status")).to_contain_text("Only 3 left — quantity set to 3.")
    expect(page.get_by_role("textbox", name="Quantity of Bird Feeder")).to_have_value("3")


def test_a_refused_quantity_is_explained_and_changes_nothing(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/cart/")
    quantity = page.get_by_role("textbox", name="Quantity of Bird Feeder")
    quantity.fill("250")
    quantity.press("Tab")

    expect(page.get_by_role("status")).to_contain_text("Enter a whole number from 0 to 99.")
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$181.00")
    # The field shows what the cart really holds, not the refused number.
    expect(quantity).to_have_value("1")


@pytest.mark.parametrize(("typed", "quantity"), [("۷", 7), ("٧", 7), ("۱0", 10)])
def test_a_quantity_typed_in_persian_or_arabic_digits_is_taken(page: Page, live_server, filled_cart, typed, quantity):
    page.goto(f"{live_server.url}/cart/")
    field = page.get_by_role("textbox", name="Quantity of Hand Grinder")

    field.fill("")
    field.press_sequentially(typed)  # key by key, as a Persian keyboard types (type="number" dropped these)
    field.press("Tab")

    expect(page.get_by_test_id("cart-item-count")).to_have_text(str(quantity + 1))
    expect(field).to_have_value(str(quantity))


def test_the_same_flows_work_without_javascript(no_js_page: Page, live_server, catalog, log_in):
    page = no_js_page
    log_in(UserFactory(), page.context)
    Product.objects.filter(slug="bird-feeder").update(on_hand=10)
    page.goto(f"{live_server.url}/products/bird-feeder/")

    page.get_by_label("Quantity").fill("2")
    page.get_by_role("article").get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("status")).to_contain_text("Added Bird Feeder to your cart.")
    expect(page.get_by_role("link", name="Cart, 2 items", exact=True)).to_be_visible()

    page.get_by_role("link", name="Cart, 2 items", exact=True).click()
    page.get_by_role("button", name="Increase quantity of Bird Feeder").click()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$69.00")

    page.get_by_role("textbox", name="Quantity of Bird Feeder").fill("5")
    page.get_by_role("button", name="Update").click()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$115.00")

    page.get_by_role("button", name="Decrease quantity of Bird Feeder").click()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$92.00")

    page.get_by_role("button", name="Remove Bird Feeder from cart").click()
    expect(page.get_by_text("Your cart is empty.")).to_be_visible()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$92.00")


def test_two_tabs_agree_after_reload(page: Page, live_server, filled_cart):
    other_tab = page.context.new_page()
    page.goto(f"{live_server.url}/cart/")
    other_tab.goto(f"{live_server.url}/cart/")

    page.get_by_role("button", name="Increase quantity of Bird Feeder").click()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$204.00")
    # The other tab hears of the change and refreshes; pressing while it does so would race that refresh.
    expect(other_tab.get_by_test_id("cart-subtotal")).to_have_text("$204.00")
    other_tab.get_by_role("button", name="Increase quantity of Hand Grinder").click()
    expect(other_tab.get_by_test_id("cart-subtotal")).to_have_text("$283.00")

    page.reload()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$283.00")
    expect(page.get_by_role("textbox", name="Quantity of Bird Feeder")).to_have_value("2")
    expect(page.get_by_role("textbox", name="Quantity of Hand Grinder")).to_have_value("3")


def test_cart_page_is_accessible_and_looks_right(page: Page, live_server, filled_cart):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/cart/")

    violations = serious_accessibility_violations(page)
    save_screenshot(page, "cart-desktop")

    assert violations == [], format_violations(violations)
    expect(page.get_by_test_id("cart-line")).to_have_count(2)


def test_lines_show_what_changed_since_they_were_added(page: Page, live_server, filled_cart):
    Product.objects.filter(slug="hand-grinder").update(price=Decimal("85.00"))
    Product.objects.filter(slug="bird-feeder").update(is_active=False)

    page.goto(f"{live_server.url}/cart/")

    expect(page.get_by_text("Price changed since you added it")).to_contain_text("$79.00 → $85.00")
    expect(page.get_by_text("No longer sold — not included in the total.")).to_be_visible()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$170.00")
