"""Toasts never cover the page: nothing readable or usable lies under them, at any width, in either language.

With JavaScript they stick under the sticky header and take room (the page moves down while one shows).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import CartItemFactory, UserFactory

from .conftest import SIZES, save_screenshot, use_language

# What a shopper reads or uses on the page.
READABLE = '"a, button, input, select, label, h1, h2, p, dt, dd, li > span"'

# The text and controls of the page (not the toasts) whose box meets a toast's box, as "tag: text".
COVERED_BY_TOASTS = """() => {
  const toasts = [...document.querySelectorAll("#messages [data-toast]")].map((toast) => toast.getBoundingClientRect());
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return [...document.querySelectorAll("main *, footer *")]
    .filter((element) => element.matches(READABLE))
    .filter((element) => element.getClientRects().length && !element.closest("dialog"))
    .filter((element) => toasts.some((toast) => meets(toast, element.getBoundingClientRect())))
    .map((element) => `${element.tagName}: ${element.textContent.trim().slice(0, 40)}`);
}""".replace("READABLE", READABLE)


@pytest.fixture
def shopper(transactional_db, log_in):
    user = UserFactory()
    for number in range(6):
        CartItemFactory(cart__user=user, product__name=f"Product {number}")
    log_in(user)
    return user


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "fa"])
def test_with_a_toast_the_page_end_shows_whole_and_the_control_in_focus_is_never_under_it(
    page: Page, live_server, shopper, language, size
):
    use_language(page, live_server, language)
    page.set_viewport_size(SIZES[size])
    page.goto(live_server.url + reverse("cart:detail"))

    # Removing a line says so in a toast with an Undo, which stays until it is used or dismissed.
    page.locator("[data-cart-line]").first.locator("button[formaction$='remove/']").click()
    expect(page.locator("#messages [data-toast]")).to_have_count(1)

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(page.locator("footer")).to_be_in_viewport(ratio=1)
    save_screenshot(page, f"toast-page-end-{language}-{size}")

    # Going back up by keyboard, the control in focus is scrolled below the header and the toast, not under them.
    page.locator("footer button").last.focus()
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.closest('.page-top') === null"):
            focused = page.evaluate("document.activeElement.getBoundingClientRect().top")
            assert focused >= page.locator(".page-top").bounding_box()["height"] - 1
    expect(page.locator("#messages [data-toast]")).to_be_visible()


# Marks what is readable or usable and wholly on screen below the header; then lists the marked ones now under the
# header and the toasts stuck to the top (a toast that covered them, or a page that scrolled them under it).
MARK_WHAT_SHOWS = """() => {
  const top = document.querySelector(".page-top").getBoundingClientRect().bottom;
  for (const element of document.querySelectorAll("main *, footer *")) {
    const box = element.getBoundingClientRect();
    if (element.matches(READABLE)
        && element.getClientRects().length && box.top >= top && box.bottom <= innerHeight) {
      element.dataset.shown = "";
    }
  }
  return document.querySelectorAll("[data-shown]").length;
}""".replace("READABLE", READABLE)
NOW_UNDER_THE_TOP = """() => {
  const top = document.querySelector(".page-top").getBoundingClientRect().bottom;
  return [...document.querySelectorAll("[data-shown]")]
    .filter((element) => element.getBoundingClientRect().top < top)
    .map((element) => `${element.tagName}: ${element.textContent.trim().slice(0, 40)}`);
}"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_toast_shown_mid_page_covers_nothing_that_showed(page: Page, live_server, shopper, language, size):
    for number in range(6, 14):
        CartItemFactory(cart__user=shopper, product__name=f"Product {number}")
    use_language(page, live_server, language)
    page.set_viewport_size(SIZES[size])
    page.goto(live_server.url + reverse("cart:detail"))
    page.evaluate("window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)")
    assert page.evaluate(MARK_WHAT_SHOWS) > 3
    # The shop does not answer: the page says so in a toast.
    page.route("**/cart/items/increase/", lambda route: route.abort())
    plus = page.locator("[data-cart-line]:has([data-shown]) button[formaction$='increase/']").first

    plus.click()

    expect(page.locator("#messages [data-toast]")).to_have_count(1)
    assert page.evaluate(NOW_UNDER_THE_TOP) == []
    save_screenshot(page, f"toast-mid-page-{language}-{size}")
    expect(page.locator("#messages [data-toast]")).to_be_in_viewport()


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
    expect(page.get_by_role("status").filter(has_text=re.compile(r"Removed .+ from your cart\."))).to_be_visible()
