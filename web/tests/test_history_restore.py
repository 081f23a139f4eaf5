"""Back and Forward through htmx's history: a page htmx asks the server for again is always the whole page.

htmx sends ``HX-Request`` with a history restore too, so a view that answered every htmx request with a
fragment put the bare product grid where the page had been (no header, cart badge, filters or footer).
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import CartItemFactory, ProductFactory, ShippingMethodFactory, UserFactory

pytestmark = pytest.mark.django_db

HOME = reverse("store:product_list")
FRAGMENT = {"HX-Request": "true"}
HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


def vary(response) -> set[str]:
    return {header.strip().lower() for header in response.get("Vary", "").split(",")}


def assert_whole_page(response) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "<header" in html
    assert "<footer" in html
    assert 'data-testid="cart-count"' in html


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "shopper"])
def test_the_catalog_restored_from_history_is_the_whole_page_with_its_filters(client, logged_in):
    ProductFactory(name="Garden Hose", category__name="Garden", category__slug="garden")
    if logged_in:
        client.force_login(UserFactory())

    response = client.get(HOME, {"category": "garden", "sort": "price"}, headers=HISTORY_RESTORE)

    assert_whole_page(response)
    html = response.content.decode()
    assert 'id="catalog-filters"' in html
    assert '<option value="garden" selected>' in html
    assert "Garden Hose" in html


def test_the_catalog_still_answers_a_filter_change_with_its_results_only(client):
    response = client.get(HOME, {"sort": "price"}, headers=FRAGMENT)

    assert response.content.decode().lstrip().startswith('<section id="results"')


@pytest.mark.parametrize("headers", [{}, FRAGMENT, HISTORY_RESTORE], ids=["page", "fragment", "history"])
def test_the_catalog_says_it_varies_on_both_htmx_headers(client, headers):
    """A cache in between keyed on the URL alone would hand a fragment to Back, or the page to a filter change."""
    assert {"hx-request", "hx-history-restore-request"} <= vary(client.get(HOME, headers=headers))


def test_the_checkout_restored_from_history_is_the_whole_page(shopper_client, user):
    ShippingMethodFactory()
    CartItemFactory(cart__user=user, quantity=1, product__price=Decimal("5.00"), product__stock=3)

    response = shopper_client.get(reverse("orders:checkout"), headers=HISTORY_RESTORE)

    assert_whole_page(response)
    assert "<h1" in response.content.decode()
    assert {"hx-request", "hx-history-restore-request"} <= vary(response)


def test_a_page_needing_login_restored_after_logout_redirects_like_a_page_load(client):
    """htmx's history restore ignores HX-Redirect (it would show an empty page), but follows a redirect."""
    response = client.get(reverse("cart:detail"), headers=HISTORY_RESTORE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "HX-Redirect" not in response
    assert {"hx-request", "hx-history-restore-request"} <= vary(response)


def test_a_page_needing_login_sends_htmx_to_login_by_client_redirect(client):
    response = client.get(reverse("cart:detail"), headers=FRAGMENT)

    assert reverse("account_login") in response["HX-Redirect"]
    assert {"hx-request", "hx-history-restore-request"} <= vary(response)


@pytest.mark.parametrize(
    "url", [reverse("cart:detail"), reverse("cart:mini"), reverse("orders:list")], ids=["cart", "mini", "orders"]
)
def test_a_shoppers_pages_vary_on_htmx_headers(shopper_client, url):
    response = shopper_client.get(url, headers=FRAGMENT)

    assert {"hx-request", "hx-history-restore-request"} <= vary(response)


def test_a_missing_page_restored_from_history_is_the_404_page_not_a_toast(client):
    response = client.get("/products/no-such-thing/", headers=HISTORY_RESTORE)

    assert response.status_code == 404
    assert "<footer" in response.content.decode()
    assert {"hx-request", "hx-history-restore-request"} <= vary(response)


def test_an_add_to_cart_answer_varies_on_htmx_headers(shopper_client):
    product = ProductFactory(stock=5)

    response = shopper_client.post(reverse("cart:add", args=[product.pk]), {"quantity": 1}, headers=FRAGMENT)

    assert response.status_code == 200
    assert {"hx-request", "hx-history-restore-request"} <= vary(response)
