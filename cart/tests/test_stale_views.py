"""A page behind the cart (changed in another tab or device) is answered with the truth, and can ask if it is behind."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from cart import services
from cart.models import Cart, CartItem
from tests.factories import CartItemFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
CART_PAGE = {"HX-Request": "true", "HX-Current-URL": "http://testserver/cart/"}


def version_of(user) -> int:
    return Cart.objects.get(user=user).version


def as_page_at(version: int, **headers: str) -> dict[str, str]:
    """The headers of an htmx request from a page showing ``version`` of the cart (cart-sync.js sends it)."""
    return HTMX | headers | {"X-Cart-Version": str(version)}


def shown(body: str) -> dict:
    """What the answer puts on the page: the lines' quantities, the total, the item count and the badge."""
    return {
        "quantities": [int(q) for q in re.findall(r'name="quantity" value="(\d+)"', body)],
        "total": re.search(r'data-testid="cart-subtotal">([^<]+)<', body).group(1),
        "items": int(re.search(r'data-testid="cart-item-count">(\d+)<', body).group(1)),
        "badge": int(re.search(r'data-testid="cart-count"[^>]*>(\d+)<', body).group(1)),
        "version": int(re.search(r'data-cart-version="(\d+)"', body).group(1)),
    }


@pytest.fixture
def mug(user):
    return CartItemFactory(cart__user=user, quantity=3, product__name="Mug", product__price=Decimal("10.00"))


@pytest.fixture
def bowl(mug):
    return CartItemFactory(cart=mug.cart, quantity=1, product__name="Bowl", product__price=Decimal("5.00"))


class TestChangeFromAPageBehind:
    def test_plus_on_a_line_showing_3_while_the_cart_holds_5_gives_6_and_shows_6(self, shopper_client, user, mug, bowl):
        page_version = version_of(user)
        services.cart_set_quantity(user=user, item_id=mug.pk, quantity=5)  # in another window

        response = shopper_client.post(reverse("cart:increase"), {"line": mug.pk}, headers=as_page_at(page_version))

        body = response.content.decode()
        assert response.status_code == 200
        assert CartItem.objects.get(pk=mug.pk).quantity == 6
        # Every line, so none of them stays as the page had it.
        assert response["HX-Reswap"] == "none"
        assert re.search(r'<ul id="cart-lines"[^>]* hx-swap-oob="true"', body)
        assert shown(body) == {
            "quantities": [6, 1],
            "total": "$65.00",
            "items": 7,
            "badge": 7,
            "version": version_of(user),
        }

    def test_a_change_elsewhere_in_the_cart_is_brought_with_the_answer(self, shopper_client, user, mug, bowl):
        page_version = version_of(user)
        services.cart_remove(user=user, item_id=bowl.pk)  # in another window

        body = shopper_client.post(reverse("cart:decrease"), {"line": mug.pk}, headers=as_page_at(page_version)).content

        assert shown(body.decode())["quantities"] == [2]
        assert shown(body.decode())["total"] == "$20.00"

    def test_a_page_that_was_current_gets_only_its_line(self, shopper_client, user, mug, bowl):
        response = shopper_client.post(reverse("cart:increase"), {"line": mug.pk}, headers=as_page_at(version_of(user)))

        body = response.content.decode()
        assert body.startswith(f'<li id="line-{mug.pk}"')
        assert 'id="cart-lines"' not in body
        assert "HX-Reswap" not in response
        assert shown(body)["quantities"] == [4]
        assert shown(body)["version"] == version_of(user)

    def test_setting_the_quantity_a_line_has_on_a_page_behind_brings_the_other_change(
        self, shopper_client, user, mug, bowl
    ):
        page_version = version_of(user)
        services.cart_increase(user=user, item_id=bowl.pk)  # in another window

        body = shopper_client.post(
            reverse("cart:set_quantity"), {"line": mug.pk, "quantity": "3"}, headers=as_page_at(page_version)
        ).content.decode()

        assert shown(body)["quantities"] == [3, 2]

    @pytest.mark.parametrize("url", ["cart:increase", "cart:decrease", "cart:set_quantity", "cart:remove"])
    def test_a_line_removed_in_another_window_leaves_the_page_with_the_right_totals(
        self, shopper_client, user, mug, bowl, url
    ):
        page_version = version_of(user)
        services.cart_remove(user=user, item_id=bowl.pk)  # in another window

        response = shopper_client.post(
            reverse(url), {"line": bowl.pk, "quantity": "4"}, headers=as_page_at(page_version)
        )

        body = response.content.decode()
        assert response.status_code == 404
        assert "Removed in another window." in body
        assert f'id="line-{bowl.pk}"' not in body
        assert shown(body) | {"version": 0} == {
            "quantities": [3],
            "total": "$30.00",
            "items": 3,
            "badge": 3,
            "version": 0,
        }
        assert not CartItem.objects.filter(pk=bowl.pk).exists()

    def test_a_line_removed_in_another_window_pressed_in_the_mini_cart_leaves_it(self, shopper_client, user, mug, bowl):
        services.cart_remove(user=user, item_id=bowl.pk)

        response = shopper_client.post(
            reverse("cart:increase"), {"line": bowl.pk}, headers=HTMX | {"HX-Target": "mini-cart-body"}
        )

        body = response.content.decode()
        assert response.status_code == 404
        assert "Removed in another window." in body
        assert 'data-testid="mini-cart-line"' in body
        assert f'id="mini-line-{bowl.pk}"' not in body
        assert 'data-testid="mini-cart-subtotal">$30.00<' in body

    def test_without_javascript_a_removed_line_is_the_404_page_as_before(self, shopper_client, user, bowl):
        services.cart_remove(user=user, item_id=bowl.pk)

        response = shopper_client.post(reverse("cart:increase"), {"line": bowl.pk})

        assert response.status_code == 404
        assert "<html" in response.content.decode()

    def test_another_shoppers_line_shows_nothing_of_their_cart(self, mug):
        intruder = Client()
        intruder.force_login(UserFactory())

        response = intruder.post(reverse("cart:increase"), {"line": mug.pk}, headers=HTMX)

        assert response.status_code == 404
        assert "Mug" not in response.content.decode()
        assert CartItem.objects.get(pk=mug.pk).quantity == 3


class TestVersionCheck:
    """What a page asks when it comes back (cart-sync.js): one small request, 304 when nothing moved."""

    URL = reverse("cart:version")

    def test_unchanged_is_304_in_at_most_two_statements(self, shopper_client, user, mug, django_assert_max_num_queries):
        etag = f'"{user.pk}.{version_of(user)}"'

        with django_assert_max_num_queries(2):
            response = shopper_client.get(self.URL, headers={"If-None-Match": etag})

        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag

    def test_moved_on_is_the_new_version_in_at_most_two_statements(
        self, shopper_client, user, mug, django_assert_max_num_queries
    ):
        etag = f'"{user.pk}.{version_of(user)}"'
        services.cart_increase(user=user, item_id=mug.pk)

        with django_assert_max_num_queries(2):
            response = shopper_client.get(self.URL, headers={"If-None-Match": etag})

        assert response.status_code == 200
        assert response.json() == {"shopper": user.pk, "version": version_of(user)}
        assert response["ETag"] == f'"{user.pk}.{version_of(user)}"'
        assert "no-store" in response["Cache-Control"]

    def test_a_shopper_without_a_cart_yet_is_at_version_0(self, shopper_client, user):
        assert shopper_client.get(self.URL).json() == {"shopper": user.pk, "version": 0}

    def test_another_shoppers_page_never_matches(self, shopper_client, user, mug):
        other = UserFactory()

        response = shopper_client.get(self.URL, headers={"If-None-Match": f'"{other.pk}.{version_of(user)}"'})

        assert response.status_code == 200
        assert response.json()["shopper"] == user.pk

    def test_logged_out_is_403(self, client):
        assert client.get(self.URL).status_code == 403

    def test_a_session_from_before_a_password_change_is_403(self, shopper_client, user):
        user.set_password("a brand new password")
        user.save()

        assert shopper_client.get(self.URL).status_code == 403

    def test_a_deactivated_account_is_403(self, shopper_client, user):
        user.is_active = False
        user.save()

        assert shopper_client.get(self.URL).status_code == 403


class TestRefresh:
    """What a page behind the cart fetches: the badge and the parts of the cart it shows."""

    URL = reverse("cart:refresh")

    def test_the_cart_page_gets_its_lines_totals_and_badge(self, shopper_client, user, mug, bowl):
        body = shopper_client.get(self.URL, headers=CART_PAGE).content.decode()

        assert re.search(r'<ul id="cart-lines"[^>]* hx-swap-oob="true"', body)
        assert shown(body) == {
            "quantities": [3, 1],
            "total": "$35.00",
            "items": 4,
            "badge": 4,
            "version": version_of(user),
        }

    def test_another_page_gets_only_the_badge(self, shopper_client, user, mug):
        body = shopper_client.get(self.URL, headers=HTMX | {"HX-Current-URL": "http://testserver/"}).content.decode()

        assert 'id="cart-lines"' not in body
        assert 'id="mini-cart-body"' not in body
        assert re.search(r'<span id="cart-count" hx-swap-oob="true"[^>]*>.*Cart, 3 items', body)

    def test_it_says_which_version_it_shows(self, shopper_client, user, mug):
        # A page that moved past it while it was on its way drops it (cart-sync.js; e2e/test_same_cart.py).
        response = shopper_client.get(self.URL, headers=CART_PAGE)

        assert response["X-Cart-Version"] == str(version_of(user)) == str(shown(response.content.decode())["version"])

    def test_an_open_mini_cart_gets_its_content(self, shopper_client, user, mug):
        body = shopper_client.get(
            self.URL, {"mini": "open"}, headers=HTMX | {"HX-Current-URL": "http://testserver/"}
        ).content.decode()

        assert '<div id="mini-cart-body" hx-swap-oob="innerHTML">' in body
        assert 'data-testid="mini-cart-subtotal">$30.00<' in body

    def test_it_leaves_the_toasts_waiting_for_the_next_page(self, shopper_client, user, mug, bowl):
        shopper_client.post(reverse("cart:remove"), {"line": bowl.pk})  # without JavaScript: a toast for the next page

        refreshed = shopper_client.get(self.URL, {"mini": "open"}, headers=CART_PAGE).content.decode()

        assert "Removed Bowl from your cart." not in refreshed
        assert "Removed Bowl from your cart." in shopper_client.get(reverse("cart:detail")).content.decode()

    def test_logged_out_is_sent_to_login(self, client):
        assert reverse("account_login") in client.get(self.URL, headers=HTMX)["HX-Redirect"]
