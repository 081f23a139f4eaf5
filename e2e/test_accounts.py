"""Accounts in the browser: password and social login (a real OpenID Connect provider on loopback)."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from store.models import Product
from tests.factories import PASSWORD, CartItemFactory, UserFactory
from tests.oidc_provider import NEWCOMER, PROVIDER_NAME, VERIFIED, provider_settings, unreachable_url

from .conftest import format_violations, save_screenshot, serious_accessibility_violations

pytestmark = pytest.mark.usefixtures("catalog")


def add_to_cart_logged_out(page: Page, live_server, slug: str) -> None:
    page.goto(f"{live_server.url}/products/{slug}/")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()


def log_in_with_password(page: Page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def expect_cart_with(page: Page, live_server, product_name: str) -> None:
    expect(page.get_by_role("link", name="Cart, 1 item", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/cart/")
    expect(page.get_by_test_id("cart-line")).to_have_count(1)
    expect(page.get_by_test_id("cart-line")).to_contain_text(product_name)


def test_add_to_cart_then_password_login_lands_back_with_it(page: Page, live_server):
    shopper = UserFactory()
    add_to_cart_logged_out(page, live_server, "hand-grinder")
    expect(page.get_by_role("status")).to_contain_text("Log in to add Hand Grinder to your cart.")

    log_in_with_password(page, shopper.email)

    expect(page).to_have_url(f"{live_server.url}/products/hand-grinder/")
    expect(page.get_by_role("status")).to_contain_text("Added Hand Grinder to your cart.")
    expect_cart_with(page, live_server, "Hand Grinder")


def test_add_to_cart_then_password_login_without_javascript(no_js_page: Page, live_server):
    shopper = UserFactory()
    add_to_cart_logged_out(no_js_page, live_server, "bird-feeder")

    log_in_with_password(no_js_page, shopper.email)

    expect(no_js_page).to_have_url(f"{live_server.url}/products/bird-feeder/")
    expect_cart_with(no_js_page, live_server, "Bird Feeder")


def test_add_to_cart_then_social_login_lands_back_with_it(page: Page, live_server, oidc_provider):
    add_to_cart_logged_out(page, live_server, "hand-grinder")

    page.get_by_role("button", name=f"Continue with {PROVIDER_NAME}").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(oidc_provider)}/oauth2/authorize\?"))
    page.get_by_role("button", name=NEWCOMER.sub, exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/products/hand-grinder/")
    expect(page.get_by_role("status")).to_contain_text("Added Hand Grinder to your cart.")
    expect_cart_with(page, live_server, "Hand Grinder")


def test_social_login_with_a_verified_email_reaches_that_accounts_cart(page: Page, live_server, oidc_provider):
    ada = UserFactory(email=VERIFIED.claims["email"])
    EmailAddress.objects.create(user=ada, email=ada.email, verified=True, primary=True)
    CartItemFactory(cart__user=ada, product=Product.objects.get(slug="bird-feeder"))
    page.goto(live_server.url)

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    page.get_by_role("button", name=f"Continue with {PROVIDER_NAME}").click()
    page.get_by_role("button", name=VERIFIED.sub, exact=True).click()

    expect(page.get_by_role("navigation", name="Account")).to_contain_text(ada.email)
    page.get_by_role("link", name="Cart, 1 item", exact=True).click()
    expect(page.get_by_role("dialog", name="Your cart").get_by_test_id("mini-cart-line")).to_contain_text("Bird Feeder")


def test_cancelling_at_the_provider_shows_a_friendly_page(page: Page, live_server, oidc_provider):
    page.goto(f"{live_server.url}/accounts/login/")

    page.get_by_role("button", name=f"Continue with {PROVIDER_NAME}").click()
    page.get_by_role("button", name="Deny").click()

    expect(page.get_by_role("heading", name="Login cancelled")).to_be_visible()
    expect(page.get_by_role("link", name="Back to log in")).to_be_visible()


def test_provider_down_shows_a_friendly_error(page: Page, live_server, settings):
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(unreachable_url())
    page.goto(f"{live_server.url}/accounts/login/")

    page.get_by_role("button", name=f"Continue with {PROVIDER_NAME}").click()

    expect(page.get_by_role("heading", name="We couldn’t log you in")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(f"{PROVIDER_NAME} did not complete the login")


@pytest.mark.parametrize(("path", "width"), [("login", 1280), ("signup", 390)])
def test_login_and_signup_pages_look_like_the_shop(page: Page, live_server, oidc_provider, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/{path}/")

    save_screenshot(page, f"accounts-{path}-{width}")
    violations = serious_accessibility_violations(page)

    assert violations == [], format_violations(violations)
    background = "el => getComputedStyle(el).backgroundColor"
    cart_link = page.get_by_role("link", name="Cart, 0 items", exact=True)
    submit = page.get_by_role("main").get_by_role("button").first
    assert submit.evaluate(background) == cart_link.evaluate(background)  # the shop's emerald
    expect(page.get_by_role("button", name=f"Continue with {PROVIDER_NAME}")).to_be_visible()
