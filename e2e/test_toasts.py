"""Toasts never cover the page: nothing readable or usable lies under them, at any width, in either language."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import CartItemFactory, UserFactory

from .conftest import save_screenshot

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

# The text and controls of the page (not the toasts) whose box meets a toast's box, as "tag: text".
COVERED_BY_TOASTS = """() => {
  const toasts = [...document.querySelectorAll("#messages [data-toast]")].map((toast) => toast.getBoundingClientRect());
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return [...document.querySelectorAll("main *, footer *")]
    .filter((element) => element.matches("a, button, input, select, label, h1, h2, p, dt, dd, li > span"))
    .filter((element) => element.getClientRects().length && !element.closest("dialog"))
    .filter((element) => toasts.some((toast) => meets(toast, element.getBoundingClientRect())))
    .map((element) => `${element.tagName}: ${element.textContent.trim().slice(0, 40)}`);
}"""


@pytest.fixture
def shopper(transactional_db, log_in):
    user = UserFactory()
    for number in range(6):
        CartItemFactory(cart__user=user, product__name=f"Product {number}")
    log_in(user)
    return user


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_toast_covers_nothing_at_the_end_of_the_page_or_the_control_in_focus(
    page: Page, live_server, shopper, language, size
):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page.set_viewport_size(SIZES[size])
    page.goto(live_server.url + reverse("cart:detail"))

    # Removing a line says so in a toast with an Undo, which stays until it is used or dismissed.
    page.locator("[data-cart-line]").first.locator("button[formaction$='remove/']").click()
    expect(page.locator("#messages [data-toast]")).to_have_count(1)

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(page.locator("footer")).to_be_in_viewport(ratio=1)
    assert page.evaluate(COVERED_BY_TOASTS) == []
    save_screenshot(page, f"toast-page-end-{language}-{size}")

    # Mid-page, the control the keyboard reaches is scrolled above the toast, not under it.
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("[data-cart-line] input[name=quantity]").first.focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getBoundingClientRect().bottom")
        toast_top = page.locator("#messages [data-toast]").bounding_box()["y"]
        if not page.evaluate("document.activeElement.closest('#messages') !== null"):
            assert focused <= toast_top
    expect(page.locator("#messages [data-toast]")).to_be_visible()


def test_without_javascript_messages_stay_in_the_flow_under_the_header(no_js_page: Page, live_server, shopper, log_in):
    page = no_js_page
    log_in(shopper, page.context)
    page.set_viewport_size(SIZES["phone"])
    page.goto(live_server.url + reverse("cart:detail"))

    page.locator("[data-cart-line]").first.locator("button[formaction$='remove/']").click()

    expect(page.locator("#messages [data-toast]")).to_have_count(1)
    assert page.evaluate(COVERED_BY_TOASTS) == []
    header_bottom = page.locator("header").bounding_box()["y"] + page.locator("header").bounding_box()["height"]
    main_top = page.locator("main").bounding_box()["y"]
    toast = page.locator("#messages [data-toast]").bounding_box()
    assert header_bottom <= toast["y"]
    assert toast["y"] + toast["height"] <= main_top
    save_screenshot(page, "toast-no-js-phone")
