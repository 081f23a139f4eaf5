"""A shopper buys: from the catalog to the confirmation page and "Your orders", with and without JavaScript."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from orders.models import Order, OrderStatus
from store.models import Product
from tests.factories import AddressFactory, CartItemFactory, OrderFactory, ShippingMethodFactory, UserFactory

from .conftest import assert_accessible, assert_accessible_without_javascript, save_screenshot

pytestmark = pytest.mark.usefixtures("shipping_methods")


@pytest.fixture
def shipping_methods(transactional_db):
    ShippingMethodFactory()
    ShippingMethodFactory(
        name="Express",
        description="next working day",
        price=Decimal("12.95"),
        price_abroad=Decimal("29.95"),
        free_above=None,
        position=2,
    )


@pytest.fixture
def cart_with_feeder(shopper):
    """1 × Bird Feeder at $23.00: Standard shipping $4.95, total $27.95."""
    feeder = Product.objects.get(slug="bird-feeder")
    feeder.on_hand = 10
    feeder.save()
    CartItemFactory(cart__user=shopper, product=feeder, quantity=1)
    return shopper


def fill_address(page: Page) -> None:
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_label("Street and number").fill("12 Analytical Row")
    page.get_by_label("Postal code").fill("12345")
    page.get_by_label("City").fill("Springfield")


def tab_until(page: Page, condition: str) -> None:
    """Press Tab until the focused element meets a JavaScript condition (a few steps at most)."""
    for _ in range(10):
        if page.evaluate(condition):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached: {condition}")


def pay(page: Page, outcome: str) -> None:
    """Pay with the demo provider, pretending ``outcome`` (the label of one of its choices)."""
    expect(page.get_by_role("heading", name="Demo payment")).to_be_visible()
    page.get_by_role("radio", name=outcome).check()
    page.get_by_role("button", name=re.compile(r"^Pay .* \(demo\)$")).click()


def test_full_purchase_from_the_catalog_to_your_orders(page: Page, live_server, shopper):
    page.goto(live_server.url)
    page.get_by_test_id("product-card").filter(has_text="Bird Feeder").get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("link", name="Cart, 1 item", exact=True)).to_be_visible()
    # The header's cart opens the mini-cart, which leads to checkout too.
    page.get_by_role("link", name="Cart, 1 item", exact=True).click()
    page.get_by_role("dialog", name="Your cart").get_by_role("link", name="Check out").click()

    expect(page.get_by_role("heading", name="Checkout", level=1)).to_be_visible()
    expect(page.get_by_label("Email for the order confirmation")).to_have_value(shopper.email)
    fill_address(page)
    total = page.get_by_test_id("checkout-total")
    expect(total).to_have_text("$27.95")
    page.get_by_role("radio", name=re.compile("^Express next working day")).check()
    expect(total).to_have_text("$35.95")
    page.get_by_label("Country").select_option("FR")
    expect(page.get_by_test_id("checkout-shipping")).to_have_text("$29.95")
    page.get_by_role("radio", name=re.compile("^Standard 3–5 working days")).check()
    expect(total).to_have_text("$37.95")
    assert_accessible(page)
    page.evaluate("window.scrollTo(0, 0)")  # the sticky header stays at the top of the full-page picture
    save_screenshot(page, "checkout-desktop")

    page.get_by_role("button", name="Place order for $37.95").click()
    expect(page.get_by_role("heading", name="Demo payment")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "payment-dummy-desktop")
    pay(page, "Successful payment (demo)")

    order = Order.objects.get(user=shopper)
    expect(page.get_by_role("heading", name=f"Order {order.reference}", level=1)).to_be_visible()
    expect(page.get_by_test_id("payment-status")).to_have_text("Paid")
    expect(page.get_by_text("12 Analytical Row")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "order-confirmation-desktop")

    page.get_by_role("link", name="Your orders").first.click()
    expect(page.get_by_role("link", name=order.reference)).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "orders-desktop")
    expect(page.get_by_test_id("order-row")).to_contain_text("Paid")


def test_full_purchase_without_javascript(no_js_page: Page, live_server, catalog, shipping_methods, log_in):
    page = no_js_page
    user = UserFactory()
    log_in(user, page.context)
    CartItemFactory(cart__user=user, product=Product.objects.get(slug="bird-feeder"), quantity=1)

    page.goto(f"{live_server.url}/cart/")
    page.get_by_role("link", name="Check out").click()
    assert_accessible_without_javascript(page)
    fill_address(page)
    page.get_by_role("radio", name=re.compile("^Express next working day")).check()
    page.get_by_role("button", name="Update totals").click()
    expect(page.get_by_test_id("checkout-total")).to_have_text("$35.95")
    expect(page.get_by_label("Full name")).to_have_value("Ada Lovelace")

    page.get_by_role("button", name="Place order for $35.95").click()
    pay(page, "Successful payment (demo)")

    expect(page.get_by_test_id("payment-status")).to_have_text("Paid")
    order = Order.objects.get(user=user)
    assert order.status == OrderStatus.PAID
    expect(page.get_by_role("heading", name=f"Order {order.reference}", level=1)).to_be_visible()


def test_errors_show_next_to_their_fields(page: Page, live_server, cart_with_feeder):
    page.goto(f"{live_server.url}/checkout/")
    page.get_by_label("Email for the order confirmation").fill("not an email")

    page.get_by_role("button", name="Place order for $27.95").click()

    expect(page.get_by_label("Email for the order confirmation")).to_have_accessible_description(
        "Enter a valid email address."
    )
    assert not Order.objects.exists()
    expect(page.get_by_label("Full name")).to_have_accessible_description(
        "Enter the name of the person receiving the order."
    )


def test_payment_failure_then_retry(page: Page, live_server, cart_with_feeder):
    page.goto(f"{live_server.url}/checkout/")
    fill_address(page)
    page.get_by_role("button", name="Place order for $27.95").click()
    pay(page, "Declined payment (demo)")

    expect(page.get_by_test_id("payment-status")).to_have_text("Payment failed")
    page.get_by_role("button", name="Try paying again — $27.95").click()
    pay(page, "Successful payment (demo)")

    expect(page.get_by_test_id("payment-status")).to_have_text("Paid")


def test_a_price_change_is_shown_before_anything_is_placed(page: Page, live_server, cart_with_feeder):
    page.goto(f"{live_server.url}/checkout/")
    fill_address(page)
    Product.objects.filter(slug="bird-feeder").update(price=Decimal("25.00"))

    page.get_by_role("button", name="Place order for $27.95").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("nothing was ordered yet")
    expect(alert).to_contain_text("Total: $27.95 → $29.95")
    assert not Order.objects.exists()
    page.get_by_role("button", name="Place order for $29.95").click()
    expect(page.get_by_role("heading", name="Demo payment")).to_be_visible()
    assert Order.objects.get().total == Decimal("29.95")
    expect(page.get_by_role("button", name="Pay $29.95 (demo)")).to_be_visible()


def test_checkout_with_the_keyboard_only(page: Page, live_server, cart_with_feeder):
    page.goto(f"{live_server.url}/checkout/")
    page.get_by_label("Email for the order confirmation").focus()
    page.keyboard.press("Tab")
    # The cart reminder's box comes next, off until ticked.
    reminders = page.get_by_role("checkbox", name="Email me a reminder if I leave things in my cart")
    expect(reminders).to_be_focused()
    expect(reminders).not_to_be_checked()
    for text in ["", "Ada Lovelace", "12 Analytical Row", "12345", "Springfield"]:
        if text:
            page.keyboard.type(text)
        page.keyboard.press("Tab")
    expect(page.get_by_label("Country")).to_be_focused()
    # On past the phone and the address book link to the shipping methods: the arrow key chooses Express.
    tab_until(page, "document.activeElement.type === 'radio'")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_test_id("checkout-total")).to_have_text("$35.95")
    tab_until(page, "document.activeElement.textContent.startsWith('Place order')")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Demo payment")).to_be_visible()
    assert Order.objects.get().total == Decimal("35.95")
    expect(page.get_by_role("button", name="Pay $35.95 (demo)")).to_be_visible()


def test_the_cart_says_why_it_cannot_check_out_until_the_line_is_fixed(page: Page, live_server, cart_with_feeder):
    grinder = Product.objects.get(slug="hand-grinder")
    CartItemFactory(cart__user=cart_with_feeder, product=grinder, quantity=1)
    Product.objects.filter(pk=grinder.pk).update(is_active=False)
    page.goto(f"{live_server.url}/cart/")
    summary = page.get_by_role("complementary", name="Cart summary")

    expect(summary.get_by_role("button", name="Check out")).to_be_disabled()
    expect(summary.get_by_role("button", name="Check out")).to_have_accessible_description(
        "To check out, first fix the lines marked above: no longer sold, out of stock or more than is left."
    )
    expect(summary.get_by_role("link", name="Check out")).to_be_hidden()

    page.get_by_role("button", name="Remove Hand Grinder from cart").click()

    expect(summary.get_by_role("link", name="Check out")).to_be_visible()
    expect(summary.get_by_role("button", name="Check out")).to_be_hidden()


def browse_orders_page_by_page(page: Page, live_server, user) -> None:
    oldest = OrderFactory(user=user)
    newest = [OrderFactory(user=user) for _ in range(20)][-1]

    page.goto(live_server.url + reverse("orders:list"))
    expect(page.get_by_test_id("order-row")).to_have_count(20)
    expect(page.get_by_test_id("order-row").first).to_contain_text(newest.reference)
    expect(page.get_by_role("link", name=oldest.reference)).to_have_count(0)
    page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Next →").click()

    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_role("link", name=oldest.reference)).to_be_visible()


def test_your_orders_page_by_page(page: Page, live_server, transactional_db, log_in):
    user = UserFactory()
    log_in(user)
    browse_orders_page_by_page(page, live_server, user)


def test_your_orders_page_by_page_without_javascript(no_js_page: Page, live_server, transactional_db, log_in):
    user = UserFactory()
    log_in(user, no_js_page.context)
    browse_orders_page_by_page(no_js_page, live_server, user)


def pick_a_saved_address(page: Page, live_server, user) -> None:
    AddressFactory(user=user, full_name="Grace Hopper", street="1 Navy Yard", city="Arlington")
    AddressFactory(user=user)  # Ada Lovelace's, used last

    page.goto(live_server.url + reverse("orders:checkout"))
    expect(page.get_by_label("Full name")).to_have_value("Ada Lovelace")
    saved = page.get_by_role("list", name="Ship to a saved address:")
    expect(saved.get_by_role("link")).to_have_count(2)
    saved.get_by_role("link", name=re.compile("^Grace Hopper")).click()

    expect(page.get_by_label("Full name")).to_have_value("Grace Hopper")
    expect(page.get_by_label("Street and number")).to_have_value("1 Navy Yard")
    expect(saved.get_by_role("link", name=re.compile("^Grace Hopper"))).to_have_attribute("aria-current", "true")


def test_a_saved_address_is_picked_at_checkout(page: Page, live_server, cart_with_feeder):
    pick_a_saved_address(page, live_server, cart_with_feeder)
    assert_accessible(page)
    expect(page.get_by_role("button", name="Place order for $27.95")).to_be_enabled()


def test_a_saved_address_is_picked_at_checkout_without_javascript(
    no_js_page: Page, live_server, catalog, shipping_methods, log_in
):
    user = UserFactory()
    log_in(user, no_js_page.context)
    CartItemFactory(cart__user=user, product=Product.objects.get(slug="bird-feeder"), quantity=1)
    pick_a_saved_address(no_js_page, live_server, user)
