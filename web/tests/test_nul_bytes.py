"""A NUL character anywhere in the input answers 400: PostgreSQL would refuse it with a 500."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cart.models import CartItem
from tests.factories import PASSWORD, CartItemFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("query", ["q=%00", "category=%00", "q=tea%00", "sort=%00", "page=%00", "%00=1"])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_catalog_query_with_nul_is_a_bad_request(client, query, headers):
    assert client.get(f"/?{query}", **headers).status_code == 400


def test_nul_in_the_path_is_a_bad_request_with_the_shops_page(client):
    response = client.get("/products/tea%00/")

    assert response.status_code == 400
    assert "We couldn’t read that request" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "form"),
    [
        ("/accounts/login/", {"login": "a\x00@example.com", "password": "x"}),
        ("/accounts/login/", {"login": "a@example.com", "password": "x\x00"}),
        ("/accounts/signup/", {"email": "new\x00@example.com", "password1": PASSWORD, "password2": PASSWORD}),
        ("/accounts/password/reset/", {"email": "a\x00@example.com"}),
    ],
)
def test_allauth_forms_with_nul_are_bad_requests_and_create_nothing(client, url, form):
    users = get_user_model().objects.count()

    assert client.post(url, form).status_code == 400
    assert get_user_model().objects.count() == users


def test_cart_quantity_with_nul_is_a_bad_request_and_changes_nothing(client):
    item = CartItemFactory(quantity=2)
    client.force_login(item.cart.user)

    response = client.post("/cart/items/quantity/", {"line": item.pk, "quantity": "3\x00"}, **HTMX)

    assert response.status_code == 400
    assert CartItem.objects.get(pk=item.pk).quantity == 2


def test_admin_search_with_nul_is_a_bad_request(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get("/admin/store/product/?q=%00").status_code == 400


def test_admin_login_form_with_nul_is_a_bad_request(client):
    assert client.post("/admin/login/", {"username": "a\x00", "password": "x"}).status_code == 400


def test_session_cookie_with_nul_is_a_bad_request():
    client = Client()
    client.cookies["sessionid"] = "\x00" * 32

    assert client.get("/").status_code == 400
