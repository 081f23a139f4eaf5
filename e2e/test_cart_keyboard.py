"""The cart with a keyboard and a screen reader: focus stays put, changes are announced, toasts wait."""

from playwright.sync_api import Page, expect

from cart.models import CartItem


def test_focus_stays_on_the_control_that_was_pressed(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/cart/")
    increase = page.get_by_role("button", name="Increase quantity of Hand Grinder")
    total = page.get_by_test_id("cart-subtotal")

    increase.focus()
    page.keyboard.press("Enter")
    expect(total).to_have_text("$260.00")
    expect(increase).to_be_focused()
    page.keyboard.press("Enter")
    expect(total).to_have_text("$339.00")
    expect(increase).to_be_focused()

    decrease = page.get_by_role("button", name="Decrease quantity of Hand Grinder")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(decrease).to_be_focused()
    page.keyboard.press("Enter")
    expect(total).to_have_text("$260.00")
    expect(decrease).to_be_focused()


def test_a_change_is_announced_politely(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/cart/")
    announcement = page.locator("#cart-announcement")
    expect(announcement).to_have_attribute("aria-live", "polite")

    page.get_by_role("button", name="Increase quantity of Hand Grinder").click()

    expect(announcement).to_have_text("Quantity of Hand Grinder: 3. Cart total $260.00")


def test_after_remove_focus_is_on_undo_and_undo_puts_the_line_back(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/cart/")

    page.get_by_role("button", name="Remove Hand Grinder from cart").focus()
    page.keyboard.press("Enter")

    undo = page.get_by_role("status").get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Hand Grinder")).to_be_visible()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$181.00")


def test_an_undo_toast_stays_and_a_hovered_toast_waits(page: Page, live_server, filled_cart):
    page.clock.install()
    page.goto(f"{live_server.url}/cart/")

    page.get_by_role("button", name="Remove Bird Feeder from cart").click()
    undo_toast = page.get_by_role("status").filter(has_text="Removed Bird Feeder")
    expect(undo_toast.get_by_role("button", name="Undo")).to_be_visible()
    page.clock.run_for("00:30")
    expect(undo_toast.get_by_role("button", name="Undo")).to_be_visible()

    page.get_by_role("textbox", name="Quantity of Hand Grinder").fill("20")
    page.keyboard.press("Enter")
    notice = page.get_by_text("Only 10 left — quantity set to 10.")
    expect(notice).to_be_visible()
    notice.hover()
    page.clock.run_for("00:10")
    expect(notice).to_be_visible()
    page.mouse.move(0, 0)
    page.clock.run_for("00:10")
    expect(notice).to_be_hidden()


def test_empty_cart_can_be_undone(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/cart/")

    page.get_by_role("button", name="Empty cart").click()
    expect(page.get_by_text("Your cart is empty.")).to_be_visible()
    assert not CartItem.objects.exists()

    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(page.get_by_test_id("cart-line")).to_have_count(2)
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$181.00")
