"""The mini-cart: the header's cart opens a dialog to change the cart without leaving the page."""

from playwright.sync_api import Page, expect

from .conftest import format_violations, serious_accessibility_violations


def test_open_change_close_with_escape_and_focus_returns(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/products/hand-grinder/")
    badge = page.get_by_role("link", name="Cart, 3 items", exact=True)

    badge.click()
    dialog = page.get_by_role("dialog", name="Your cart")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("mini-cart-subtotal")).to_have_text("$181.00")
    expect(page).to_have_url(f"{live_server.url}/products/hand-grinder/")
    assert serious_accessibility_violations(page) == [], format_violations(serious_accessibility_violations(page))

    dialog.get_by_role("button", name="Increase quantity of Bird Feeder").click()
    expect(dialog.get_by_test_id("mini-cart-subtotal")).to_have_text("$204.00")
    expect(page.get_by_role("link", name="Cart, 4 items", exact=True)).to_be_attached()
    expect(dialog.get_by_role("button", name="Increase quantity of Bird Feeder")).to_be_focused()

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("link", name="Cart, 4 items", exact=True)).to_be_focused()


def test_focus_stays_inside_while_open(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Cart, 3 items", exact=True).click()
    dialog = page.get_by_role("dialog", name="Your cart")
    expect(dialog.get_by_test_id("mini-cart-subtotal")).to_be_visible()

    for _ in range(15):
        page.keyboard.press("Tab")
        inside = page.evaluate("document.getElementById('mini-cart').contains(document.activeElement)")
        at_browser_chrome = page.evaluate("document.activeElement === document.body")
        assert inside or at_browser_chrome

    dialog.get_by_role("button", name="Close cart").click()
    expect(dialog).to_be_hidden()


def test_changes_in_the_mini_cart_update_the_cart_page_behind_it(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/cart/")
    page.get_by_role("link", name="Cart, 3 items", exact=True).click()
    dialog = page.get_by_role("dialog", name="Your cart")

    dialog.get_by_role("button", name="Remove Bird Feeder from cart").click()
    undo = dialog.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    expect(page.locator("#cart-lines").get_by_test_id("cart-line")).to_have_count(1)
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$158.00")

    undo.click()
    expect(dialog.get_by_test_id("mini-cart-line")).to_have_count(2)
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$181.00")


def test_without_javascript_the_badge_is_a_link_to_the_cart(no_js_page: Page, live_server, catalog, log_in):
    from tests.factories import UserFactory

    log_in(UserFactory(), no_js_page.context)
    no_js_page.goto(f"{live_server.url}/")

    no_js_page.get_by_role("link", name="Cart, 0 items", exact=True).click()

    expect(no_js_page).to_have_url(f"{live_server.url}/cart/")
