"""What the shopper sees when an htmx request fails: a message, an unchanged page, controls that work again."""

import re

import pytest
from playwright.sync_api import Page, Route, expect

from cart.models import CartItem

pytestmark = pytest.mark.usefixtures("catalog")

CART_FAILURE = "We couldn't update your cart — try again."
ADD_URL = "**/cart/add/**"


def add_bird_feeder(page: Page) -> None:
    page.get_by_test_id("product-card").filter(has_text="Bird Feeder").get_by_role("button", name="Add to cart").click()


def answer_500(route: Route) -> None:
    route.fulfill(status=500, body="Internal Server Error", content_type="text/html")


@pytest.mark.parametrize(
    "failure", [answer_500, lambda route: route.abort("connectionfailed")], ids=["server-error", "network-error"]
)
def test_a_failed_add_to_cart_says_so_changes_nothing_and_can_be_retried(page: Page, live_server, shopper, failure):
    page.goto(live_server.url)
    page.route(ADD_URL, failure)

    add_bird_feeder(page)

    expect(page.get_by_role("status")).to_contain_text(CART_FAILURE)
    expect(page.get_by_role("link", name="Cart, 0 items", exact=True)).to_be_visible()
    assert not CartItem.objects.filter(cart__user=shopper).exists()
    page.get_by_role("status").get_by_role("button", name="Dismiss message").click()
    expect(page.get_by_text(CART_FAILURE)).to_have_count(0)

    page.unroute(ADD_URL)
    add_bird_feeder(page)
    expect(page.get_by_role("link", name="Cart, 1 item", exact=True)).to_be_visible()


def test_a_line_gone_meanwhile_says_so_once_in_the_servers_words(page: Page, live_server, filled_cart):
    page.goto(f"{live_server.url}/cart/")
    CartItem.objects.filter(product__name="Hand Grinder").delete()  # in another tab

    page.get_by_role("button", name="Increase quantity of Hand Grinder").click()

    expect(page.get_by_role("status")).to_contain_text("Removed in another window.")
    expect(page.get_by_role("button", name="Increase quantity of Hand Grinder")).to_have_count(0)
    expect(page.get_by_text(CART_FAILURE)).to_have_count(0)


def test_a_failed_catalog_filter_says_something_went_wrong(page: Page, live_server):
    page.goto(live_server.url)
    page.route(re.compile(r"/\?"), answer_500)

    page.get_by_label("Sort by").select_option(index=1)

    expect(page.get_by_role("status")).to_contain_text("Something went wrong — try again.")


def test_a_typed_quantity_that_could_not_be_saved_goes_back_to_what_the_cart_holds(
    page: Page, live_server, filled_cart
):
    page.goto(f"{live_server.url}/cart/")
    page.route("**/cart/items/quantity/", lambda route: route.abort("connectionfailed"))
    quantity = page.get_by_role("textbox", name="Quantity of Hand Grinder")

    quantity.fill("5")
    quantity.press("Enter")

    expect(page.get_by_role("status")).to_contain_text(CART_FAILURE)
    expect(quantity).to_have_value("2")
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("$181.00")
