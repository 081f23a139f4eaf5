"""Typed addresses read in their own direction: a Latin one on Persian pages, a Persian one on English pages."""

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from tests.factories import AddressFactory, OrderFactory, UserFactory

from .conftest import SIZES, assert_accessible, assert_accessible_without_javascript, save_screenshot, use_language

MAIN_STREET = {"full_name": "Ada Lovelace", "street": "1 Main Street", "city": "Springfield", "postal_code": "12345"}
AZADI_STREET = {"full_name": "سارا احمدی", "street": "خیابان آزادی ۱۲", "city": "تهران", "postal_code": "1345678910"}

# Where on the screen a piece of text starts (its left edge), found in the element's text.
LEFT_EDGE_OF = """(element, text) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at === -1) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    return range.getBoundingClientRect().left;
  }
  throw new Error(`${text} is not in the element`);
}"""


def left_edge(element: Locator, text: str) -> float:
    return element.evaluate(LEFT_EDGE_OF, text)


@pytest.mark.parametrize("size", SIZES)
def test_a_latin_address_keeps_its_order_on_the_persian_order_page(page: Page, live_server, log_in, size):
    user = UserFactory()
    order = OrderFactory(user=user, **MAIN_STREET)
    log_in(user)
    use_language(page, live_server, "fa")
    page.set_viewport_size(SIZES[size])

    page.goto(live_server.url + order.get_absolute_url())

    address = page.get_by_test_id("address")
    expect(address).to_contain_text("1 Main Street")
    # Without isolation, a right-to-left page drew "Main Street 1" and "Springfield 12345".
    assert left_edge(address, "1") < left_edge(address, "Main Street")
    assert left_edge(address, "12345") < left_edge(address, "Springfield")
    save_screenshot(page, f"address-latin-on-persian-order-page-{size}")
    assert_accessible(page)
    expect(address).to_contain_text("12345 Springfield")  # its last line, whole, as typed


@pytest.mark.parametrize("size", SIZES)
def test_a_persian_address_keeps_its_order_on_the_english_order_page(page: Page, live_server, log_in, size):
    user = UserFactory()
    order = OrderFactory(user=user, **AZADI_STREET)
    log_in(user)
    use_language(page, live_server, "en")
    page.set_viewport_size(SIZES[size])

    page.goto(live_server.url + order.get_absolute_url())

    address = page.get_by_test_id("address")
    expect(address).to_contain_text("خیابان آزادی ۱۲")
    # Read right to left: the postal code first, then the city (left to right, the city came first).
    assert left_edge(address, "1345678910") > left_edge(address, "تهران")
    save_screenshot(page, f"address-persian-on-english-order-page-{size}")
    assert_accessible(page)
    expect(address).to_contain_text("1345678910 تهران")  # its last line, whole, as typed


def test_both_addresses_in_the_persian_address_book_without_javascript(no_js_page: Page, live_server, log_in):
    user = UserFactory()
    AddressFactory(user=user, **AZADI_STREET)
    AddressFactory(user=user, **MAIN_STREET)
    log_in(user, no_js_page.context)
    use_language(no_js_page, live_server, "fa")
    no_js_page.set_viewport_size(SIZES["phone"])

    no_js_page.goto(live_server.url + reverse("orders:addresses"))

    entries = no_js_page.get_by_role("listitem").filter(has_text="Springfield")
    expect(entries).to_have_count(1)
    assert left_edge(entries, "1") < left_edge(entries, "Main Street")
    assert left_edge(entries, "12345") < left_edge(entries, "Springfield")
    save_screenshot(no_js_page, "address-book-persian-phone")
    assert_accessible_without_javascript(no_js_page)
    expect(no_js_page.get_by_role("listitem").filter(has_text="تهران")).to_contain_text("خیابان آزادی ۱۲")
