"""The same cart everywhere: other tabs (one browser) and other devices (another browser context) of one shopper.

Filled cart: 2 × Hand Grinder ($79.00) and 1 × Bird Feeder ($23.00), $181.00.
"""

import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
import uvicorn
from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.factories import UserFactory

from .conftest import RECORD_CSP_VIOLATIONS, assert_accessible

# The times: another tab within 1 s, another device within 2 s; assertions wait no longer than that.
TAB_MS = 1_000
DEVICE_MS = 2_000
# The Redis server the suite's other Redis tests use; each test on a channel of its own.
TEST_REDIS = "redis://127.0.0.1:6379/7"


@pytest.fixture
def other_device(browser: Browser, live_server, log_in, filled_cart) -> Callable[..., Page]:
    """Another device of the same shopper: a browser context of its own, logged in by its own session."""
    contexts: list[BrowserContext] = []
    violations: list[str] = []

    def open_device(*, offline_from: tuple[str, ...] = ()) -> Page:
        context = browser.new_context()
        contexts.append(context)
        context.expose_function("recordCspViolation", lambda violation: violations.append(violation))
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        for path in offline_from:
            context.route(f"**{path}*", lambda route: route.abort())
        log_in(filled_cart, context)
        return context.new_page()

    yield open_device
    for context in contexts:
        context.close()
    assert not violations, violations


def badge(page: Page, items: int):
    return page.get_by_role("link", name=f"Cart, {items} items", exact=True)


def line_quantity(page: Page, product: str):
    return page.get_by_role("textbox", name=f"Quantity of {product}")


def test_an_add_in_one_tab_shows_in_the_others_badge_lines_and_total(page: Page, context, live_server, filled_cart):
    cart_tab = context.new_page()
    cart_tab.goto(f"{live_server.url}/cart/")
    catalog_tab = context.new_page()
    catalog_tab.goto(f"{live_server.url}/")
    catalog_requests: list[str] = []
    catalog_tab.on(
        "request",
        lambda request: catalog_requests.append(request.url) if request.resource_type in ("xhr", "fetch") else None,
    )
    page.goto(f"{live_server.url}/products/hand-grinder/")

    page.get_by_role("article").get_by_role("button", name="Add to cart").click()

    expect(badge(page, 4)).to_be_visible()
    expect(badge(cart_tab, 4)).to_be_visible(timeout=TAB_MS)
    expect(line_quantity(cart_tab, "Hand Grinder")).to_have_value("3", timeout=TAB_MS)
    expect(badge(catalog_tab, 4)).to_be_visible(timeout=TAB_MS)
    # The catalog shows only the badge: it took the one the other tab passed on, and asked the shop nothing.
    assert catalog_requests == []
    assert_accessible(cart_tab)
    expect(cart_tab.get_by_test_id("cart-subtotal")).to_have_text("$260.00", timeout=TAB_MS)


def test_a_refresh_overtaken_by_a_change_from_the_same_tab_is_dropped(page: Page, context, live_server, filled_cart):
    cart_tab = context.new_page()
    held = []

    def hold_the_answer(route):
        held.append((route, route.fetch()))  # the cart as it was when asked, handed over later

    cart_tab.route("**/cart/refresh/*", hold_the_answer)
    cart_tab.goto(f"{live_server.url}/cart/")
    page.goto(f"{live_server.url}/cart/")
    page.get_by_role("button", name="Increase quantity of Hand Grinder").click()
    expect(line_quantity(page, "Hand Grinder")).to_have_value("3")
    deadline = time.monotonic() + TAB_MS / 1000
    while not held and time.monotonic() < deadline:
        cart_tab.wait_for_timeout(20)  # Playwright runs the tab's route handler while it waits
    assert held, "the other tab did not refresh"
    # While its refresh is on the way, the tab changes the cart itself (answered with every line: it was behind).
    cart_tab.get_by_role("button", name="Increase quantity of Bird Feeder").click()
    expect(line_quantity(cart_tab, "Bird Feeder")).to_have_value("2")
    expect(badge(cart_tab, 5)).to_be_visible()
    cart_tab.evaluate(
        "() => { window.refreshAnswered = new Promise((done) =>"
        " document.addEventListener('htmx:afterRequest', done, { once: true })); }"
    )

    route, answer = held.pop()
    route.fulfill(response=answer)

    cart_tab.evaluate("window.refreshAnswered")
    assert line_quantity(cart_tab, "Bird Feeder").input_value() == "2"  # at once: not healed by a later refresh
    expect(line_quantity(cart_tab, "Bird Feeder")).to_have_value("2")
    expect(line_quantity(cart_tab, "Hand Grinder")).to_have_value("3")
    expect(badge(cart_tab, 5)).to_be_visible()


def test_a_change_on_the_cart_page_shows_in_another_tabs_open_mini_cart(page: Page, context, live_server, filled_cart):
    other = context.new_page()
    other.goto(f"{live_server.url}/")
    badge(other, 3).click()
    mini_cart = other.get_by_role("dialog", name="Your cart")
    expect(mini_cart.get_by_test_id("mini-cart-subtotal")).to_have_text("$181.00")
    page.goto(f"{live_server.url}/cart/")

    page.get_by_role("button", name="Remove Bird Feeder from cart").click()

    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$158.00")
    expect(mini_cart.get_by_test_id("mini-cart-line")).to_have_count(1, timeout=TAB_MS)
    expect(mini_cart.get_by_test_id("mini-cart-subtotal")).to_have_text("$158.00", timeout=TAB_MS)
    expect(badge(other, 2)).to_be_attached(timeout=TAB_MS)


def test_logging_out_in_one_tab_clears_the_cart_from_the_others(page: Page, context, live_server, filled_cart):
    catalog_tab = context.new_page()
    catalog_tab.goto(f"{live_server.url}/")
    expect(badge(catalog_tab, 3)).to_be_visible()
    cart_tab = context.new_page()
    cart_tab.goto(f"{live_server.url}/cart/")
    page.goto(f"{live_server.url}/")

    page.get_by_role("navigation", name="Account").get_by_text("Account", exact=True).click()
    page.get_by_role("button", name="Log out").click()

    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    expect(badge(catalog_tab, 0)).to_be_visible(timeout=TAB_MS)
    expect(catalog_tab.get_by_role("link", name="Log in")).to_be_visible()
    expect(cart_tab).to_have_url(f"{live_server.url}/accounts/login/?next=%2Fcart%2F", timeout=TAB_MS)


def test_plus_on_a_device_behind_the_cart_counts_from_the_cart_and_shows_it(page: Page, live_server, other_device):
    # The phone hears nothing of the laptop's changes: no live events, no check when it comes back.
    phone = other_device(offline_from=("/cart/events/", "/cart/version/"))
    phone.goto(f"{live_server.url}/cart/")
    page.goto(f"{live_server.url}/cart/")
    line_quantity(page, "Hand Grinder").fill("5")
    line_quantity(page, "Hand Grinder").press("Enter")
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$418.00")
    expect(line_quantity(phone, "Hand Grinder")).to_have_value("2")

    phone.get_by_role("button", name="Increase quantity of Hand Grinder").click()

    expect(line_quantity(phone, "Hand Grinder")).to_have_value("6")
    expect(phone.get_by_test_id("cart-subtotal")).to_have_text("$497.00")
    expect(badge(phone, 7)).to_be_visible()


def test_a_line_removed_on_one_device_and_pressed_on_the_other_leaves_it(page: Page, live_server, other_device):
    phone = other_device(offline_from=("/cart/events/", "/cart/version/"))
    phone.goto(f"{live_server.url}/cart/")
    page.goto(f"{live_server.url}/cart/")
    page.get_by_role("button", name="Remove Bird Feeder from cart").click()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$158.00")

    phone.get_by_role("button", name="Increase quantity of Bird Feeder").click()

    expect(phone.get_by_text("Removed in another window.")).to_be_visible()
    expect(phone.get_by_test_id("cart-line")).to_have_count(1)
    expect(phone.get_by_test_id("cart-subtotal")).to_have_text("$158.00")
    expect(badge(phone, 2)).to_be_visible()


def test_a_device_coming_back_asks_once_and_catches_up(page: Page, live_server, other_device):
    phone = other_device(offline_from=("/cart/events/",))
    phone.goto(f"{live_server.url}/cart/")

    with phone.expect_response("**/cart/version/") as unchanged:
        phone.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert unchanged.value.status == 304

    page.goto(f"{live_server.url}/cart/")
    page.get_by_role("button", name="Decrease quantity of Hand Grinder").click()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$102.00")
    expect(phone.get_by_test_id("cart-subtotal")).to_have_text("$181.00")

    with phone.expect_response("**/cart/version/") as moved:
        phone.evaluate("window.dispatchEvent(new Event('focus'))")

    assert moved.value.status == 200
    expect(line_quantity(phone, "Hand Grinder")).to_have_value("1")
    expect(phone.get_by_test_id("cart-subtotal")).to_have_text("$102.00")
    expect(badge(phone, 2)).to_be_visible()


# Live news for other devices needs the shop served as production serves it (the Procfile: gunicorn with uvicorn
# workers running config.asgi) and Redis. Here uvicorn serves it in a thread, on a free port, against the test database.


@pytest.fixture
def asgi_shop(transactional_db, settings) -> Iterator[str]:
    settings.CART_EVENTS_REDIS_URL = TEST_REDIS
    settings.CART_EVENTS_CHANNEL = f"test-cart-versions-{uuid.uuid4()}"
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    from config.asgi import application  # the Procfile's: events on the event loop, pages through WSGI

    server = uvicorn.Server(uvicorn.Config(ASGIStaticFilesHandler(application), lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{listening.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)


def open_logged_in(browser: Browser, url: str, user, violations: list[str]) -> Page:
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.expose_function("recordCspViolation", lambda violation: violations.append(violation))
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": url,
            }
        ]
    )
    return context.new_page()


def test_a_change_on_one_device_shows_on_the_other_within_two_seconds_and_nowhere_else(
    browser: Browser,
    asgi_shop: str,
    filled_cart,
):
    violations: list[str] = []
    laptop = open_logged_in(browser, asgi_shop, filled_cart, violations)
    phone = open_logged_in(browser, asgi_shop, filled_cart, violations)
    stranger = open_logged_in(browser, asgi_shop, UserFactory(), violations)
    try:
        with phone.expect_response(f"{asgi_shop}/cart/events/*"):
            phone.goto(f"{asgi_shop}/cart/")
        stranger.goto(f"{asgi_shop}/")
        stranger.evaluate("window.stillTheSamePage = true")
        laptop.goto(f"{asgi_shop}/cart/")

        laptop.get_by_role("button", name="Increase quantity of Bird Feeder").click()
        expect(laptop.get_by_test_id("cart-total")).to_have_text("$204.00")

        expect(line_quantity(phone, "Bird Feeder")).to_have_value("2", timeout=DEVICE_MS)
        expect(phone.get_by_test_id("cart-total")).to_have_text("$204.00", timeout=DEVICE_MS)
        expect(badge(phone, 4)).to_be_visible(timeout=DEVICE_MS)

        # The phone's page opens its mini-cart elsewhere; the laptop empties the cart.
        with phone.expect_response(f"{asgi_shop}/cart/events/*"):
            phone.goto(f"{asgi_shop}/")
        badge(phone, 4).click()
        mini_cart = phone.get_by_role("dialog", name="Your cart")
        expect(mini_cart.get_by_test_id("mini-cart-line")).to_have_count(2)
        laptop.get_by_role("button", name="Empty cart").click()
        expect(mini_cart.get_by_text("Your cart is empty.")).to_be_visible(timeout=DEVICE_MS)
        expect(badge(phone, 0)).to_be_attached(timeout=DEVICE_MS)

        # Another shopper's page heard nothing and fetched nothing: the same page, its cart still empty.
        assert stranger.evaluate("window.stillTheSamePage") is True
        assert not violations, violations
        expect(badge(stranger, 0)).to_be_visible()
    finally:
        for page in (laptop, phone, stranger):
            page.context.close()
