"""The payment page says what is true: reserved and not paid yet, for how long, what follows; "thank you" only once
paid; the demo provider's choices say they are a demo and a successful payment is chosen unless the shopper picks
another. In English and Persian, with and without JavaScript, at a desktop's and a phone's width."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from orders.models import Order, OrderStatus
from store.models import Product
from tests.factories import CartItemFactory, ShippingMethodFactory, UserFactory

from .conftest import DESKTOP, PHONE, assert_accessible, assert_accessible_without_javascript, save_screenshot


@pytest.fixture
def shopper(catalog, log_in):
    """Logged in with 1 × Bird Feeder ($23.00) in the cart; Standard shipping $4.95: $27.95 in all."""
    ShippingMethodFactory()
    feeder = Product.objects.get(slug="bird-feeder")
    Product.objects.filter(pk=feeder.pk).update(on_hand=10)
    user = UserFactory()
    CartItemFactory(cart__user=user, product=feeder, quantity=1)
    log_in(user)
    return user


def place_order(page: Page, url: str, *, button: str | re.Pattern = "Place order for $27.95") -> None:
    """Check out with an address (its fields found by id: their labels are in the page's language)."""
    page.goto(f"{url}/checkout/")
    page.locator("#id_full_name").fill("Ada Lovelace")
    page.locator("#id_street").fill("12 Analytical Row")
    page.locator("#id_postal_code").fill("12345")
    page.locator("#id_city").fill("Springfield")
    page.get_by_role("button", name=button).click()


def in_persian(page: Page) -> None:
    page.get_by_role("button", name="فارسی").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_before_payment_the_page_says_reserved_and_the_demo_pays_by_default(page: Page, live_server, shopper):
    page.set_viewport_size(DESKTOP)
    place_order(page, live_server.url)

    expect(page.get_by_role("heading", name="Your order is reserved and waiting for payment")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"We hold its items for you for 60 minutes, until .+\. It is not paid yet\."))
    ).to_be_visible()
    expect(page.get_by_text("Once you have paid, we email you a confirmation and prepare your parcel.")).to_be_visible()
    expect(page.get_by_text(re.compile("thank you", re.IGNORECASE))).to_have_count(0)
    expect(page.get_by_role("heading", name="Demo payment")).to_be_visible()
    expect(page.get_by_role("radio", name="Successful payment (demo)")).to_be_checked()
    expect(page.get_by_role("radio", name="Declined payment (demo)")).not_to_be_checked()
    expect(page.get_by_role("radio", name="Cancelled payment (demo)")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "payment-demo-desktop")
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    save_screenshot(page, "payment-demo-phone")

    page.get_by_role("button", name="Pay $27.95 (demo)").click()

    expect(page.get_by_test_id("payment-status")).to_have_text("Paid")
    assert Order.objects.get(user=shopper).status == OrderStatus.PAID
    expect(page.get_by_role("status").filter(has_text="Payment received — thank you!")).to_be_visible()


def test_a_cancelled_payment_says_so_and_offers_another_try_without_javascript(
    no_js_page: Page, live_server, shopper, log_in
):
    page = no_js_page
    log_in(shopper, page.context)
    place_order(page, live_server.url)
    expect(page.get_by_role("heading", name="Your order is reserved and waiting for payment")).to_be_visible()
    expect(page.get_by_role("radio", name="Successful payment (demo)")).to_be_checked()
    assert_accessible_without_javascript(page)

    page.get_by_role("radio", name="Cancelled payment (demo)").check()
    page.get_by_role("button", name="Pay $27.95 (demo)").click()

    expect(page.get_by_text("The payment was cancelled and nothing was charged. You can try again.")).to_be_visible()
    expect(page.get_by_test_id("payment-status")).to_have_text("Payment cancelled")
    expect(page.get_by_test_id("payment-due")).to_contain_text("Its items are held for you until")
    page.get_by_role("button", name="Try paying again — $27.95").click()
    expect(page.get_by_role("heading", name="Your order is reserved and waiting for payment")).to_be_visible()
    page.get_by_role("button", name="Pay $27.95 (demo)").click()
    expect(page.get_by_test_id("payment-status")).to_have_text("Paid")


def test_the_payment_page_in_persian_with_javascript(page: Page, live_server, shopper):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url)
    in_persian(page)
    place_order(page, live_server.url, button=re.compile("ثبت سفارش"))

    expect(page.get_by_role("heading", name="سفارش شما رزرو شده و در انتظار پرداخت است")).to_be_visible()
    expect(page.get_by_text(re.compile("کالاهای آن را ۶۰ دقیقه، تا .+، برایتان نگه می‌داریم"))).to_be_visible()
    expect(page.get_by_role("heading", name="پرداخت نمایشی")).to_be_visible()
    expect(page.get_by_role("radio", name="پرداخت موفق (نمایشی)")).to_be_checked()
    assert_accessible(page)
    save_screenshot(page, "persian-payment-demo-desktop")
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    save_screenshot(page, "persian-payment-demo-phone")

    page.get_by_role("button", name=re.compile(r"پرداخت .+ \(نمایشی\)")).click()

    expect(page.get_by_role("status").filter(has_text="پرداخت دریافت شد — سپاسگزاریم!")).to_be_visible()
    expect(page.get_by_test_id("payment-status")).to_have_text("پرداخت شده")


def test_a_declined_payment_in_persian_without_javascript(no_js_page: Page, live_server, shopper, log_in):
    page = no_js_page
    log_in(shopper, page.context)
    page.goto(live_server.url)
    in_persian(page)
    place_order(page, live_server.url, button=re.compile("ثبت سفارش"))
    expect(page.get_by_role("heading", name="سفارش شما رزرو شده و در انتظار پرداخت است")).to_be_visible()
    assert_accessible_without_javascript(page)

    page.get_by_role("radio", name="پرداخت ردشده (نمایشی)").check()
    page.get_by_role("button", name=re.compile(r"پرداخت .+ \(نمایشی\)")).click()

    expect(page.get_by_test_id("payment-status")).to_have_text("پرداخت ناموفق بود")
    expect(page.get_by_test_id("payment-due")).to_contain_text("برایتان نگه داشته می‌شود")
    order = Order.objects.get(user=shopper)
    assert (order.status, order.total) == (OrderStatus.AWAITING_PAYMENT, Decimal("27.95"))
    expect(page.get_by_role("button", name=re.compile("پرداخت دوباره"))).to_be_visible()


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_a_demo_shop_says_so_on_its_pages_in_both_languages(page: Page, live_server, catalog, settings, viewport, name):
    settings.SHOP_DEMO_PAYMENTS = True  # as SHOP_DEMO_PAYMENTS=1 does in production (config/tests/test_production.py)
    page.set_viewport_size(viewport)
    page.goto(live_server.url)

    banner = page.get_by_role("note")
    expect(banner).to_have_text("Demo shop: payments are only pretended. Nobody is charged and no order is delivered.")
    assert_accessible(page)
    save_screenshot(page, f"demo-banner-{name}")
    in_persian(page)
    expect(banner).to_have_text(
        "فروشگاه نمایشی: پرداخت‌ها فقط وانمودی‌اند. از کسی پولی کسر نمی‌شود و هیچ سفارشی ارسال نمی‌شود."
    )
    assert_accessible(page)
    save_screenshot(page, f"persian-demo-banner-{name}")
    expect(banner).to_be_in_viewport()  # seen on arrival, without scrolling
