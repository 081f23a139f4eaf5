"""The owner's morning: the dashboard and the carts list, in English and in Persian."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from cart.models import Cart
from cart.services import cart_add_product
from orders.services import order_mark_paid
from orders.tests.helpers import place
from store.models import Product
from tests.factories import UserFactory

from .conftest import DESKTOP, assert_accessible, save_screenshot, use_language


@pytest.fixture
def morning(catalog, live_server):
    """A paid order, an order awaiting payment, an active cart and an abandoned one."""
    products = list(Product.objects.filter(is_active=True).order_by("pk")[:3])
    Product.objects.filter(pk__in=[product.pk for product in products]).update(on_hand=20)
    buyer = UserFactory(username="buyer", email="buyer@example.com")
    cart_add_product(user=buyer, product=products[0], quantity=2)
    order_mark_paid(order=place(buyer).order, changed_by=None)
    waiting = UserFactory(username="waiting", email="waiting@example.com")
    cart_add_product(user=waiting, product=products[1], quantity=1)
    place(waiting)
    browsing = UserFactory(username="browsing", email="browsing@example.com")
    cart_add_product(user=browsing, product=products[2], quantity=1)
    left = UserFactory(username="left", email="left@example.com")
    cart_add_product(user=left, product=products[1], quantity=3)
    Cart.objects.filter(user=left).update(
        lines_changed_at=timezone.now() - datetime.timedelta(hours=settings.SHOP_CART_ABANDONED_HOURS + 2)
    )
    owner = UserFactory(username="owner", email="owner@example.com", is_staff=True, is_superuser=True)
    return owner


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", {"dashboard": "Dashboard", "paid": "Paid orders", "carts": "Carts", "abandoned": "Abandoned"}),
        (
            "fa",
            {"dashboard": "داشبورد", "paid": "سفارش‌های پرداخت‌شده", "carts": "سبدهای خرید", "abandoned": "رهاشده"},
        ),
    ],
)
def test_the_owner_opens_the_dashboard_and_the_carts(page: Page, live_server, log_in, morning, language, words):
    use_language(page, live_server, language)
    log_in(morning)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name=words["dashboard"], exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(words["dashboard"])
    sales = page.locator("#sales")
    expect(sales.get_by_role("row", name=words["paid"])).to_be_visible()
    expect(page.locator("#funnel-chart")).to_have_attribute("role", "img")
    assert_accessible(page)
    save_screenshot(page, f"owner-dashboard-{language}")

    page.goto(f"{live_server.url}/admin/cart/cart/")
    page.get_by_role("link", name=words["abandoned"], exact=True).click()

    expect(page.get_by_role("link", name="left@example.com")).to_be_visible()
    expect(page.get_by_role("link", name="browsing@example.com")).to_have_count(0)
    assert_accessible(page)
    save_screenshot(page, f"owner-carts-{language}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "fa" else "ltr")
