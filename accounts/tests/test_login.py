"""Password login and logout: where they land, the failed-login limit, and the cart they keep."""

from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.factories import UserFactory

from .conftest import PASSWORD, log_in_with_password, logged_in_user_id

pytestmark = pytest.mark.django_db

UNSAFE_NEXT = ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)"]


def test_login_lands_on_next(client, shopper):
    response = log_in_with_password(client, shopper.email, next_url="/cart/")

    assert response.status_code == 302
    assert response["Location"] == "/cart/"
    assert logged_in_user_id(client) == shopper.pk


def test_wrong_password_shows_the_form_again_with_an_error(client, shopper):
    response = log_in_with_password(client, shopper.email, password="not my password")

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert logged_in_user_id(client) is None


@pytest.mark.parametrize("unsafe_next", UNSAFE_NEXT)
def test_unsafe_next_lands_on_the_default_page(client, shopper, unsafe_next):
    response = log_in_with_password(client, shopper.email, next_url=unsafe_next)

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("unsafe_next", UNSAFE_NEXT)
def test_unsafe_next_in_a_login_link_lands_on_the_default_page(client, shopper, unsafe_next):
    login_url = f"/accounts/login/?{urlencode({'next': unsafe_next})}"
    assert client.get(login_url).status_code == 200

    response = client.post(login_url, {"login": shopper.email, "password": PASSWORD, "next": unsafe_next})

    assert response["Location"] == "/"


def test_cart_page_sends_a_logged_out_shopper_to_login_and_back(client, shopper):
    response = client.get("/cart/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fcart%2F"

    response = client.post(response["Location"], {"login": shopper.email, "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1] == ("/cart/", 302)
    assert response.status_code == 200
    assert "Your cart" in response.content.decode()


def test_failed_logins_past_the_limit_get_a_friendly_429(client, settings, shopper):
    for _ in range(5):
        assert log_in_with_password(client, shopper.email, password="guess").status_code == 200

    response = log_in_with_password(client, shopper.email, password="guess")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts" in page
    assert f"{settings.SHOP_NAME} — a demo shop" in page  # the shop's own page, footer and all


def test_past_the_limit_even_the_right_password_waits(client, shopper):
    for _ in range(5):
        log_in_with_password(client, shopper.email, password="guess")

    assert log_in_with_password(client, shopper.email).status_code == 429
    assert logged_in_user_id(client) is None


def test_the_limit_is_per_account(client, shopper):
    for _ in range(5):
        log_in_with_password(client, shopper.email, password="guess")
    other = UserFactory(email="other@example.com")

    log_in_with_password(client, other.email)

    assert logged_in_user_id(client) == other.pk


def test_logout_is_a_post_and_keeps_the_cart_for_the_next_login(shopper, product):
    laptop = Client()
    log_in_with_password(laptop, shopper.email)
    laptop.post(f"/cart/add/{product.pk}/", {"quantity": 2})

    assert laptop.get("/accounts/logout/").status_code == 200  # a confirmation page, still logged in
    assert logged_in_user_id(laptop) == shopper.pk
    laptop.post("/accounts/logout/")
    assert logged_in_user_id(laptop) is None

    phone = Client()
    log_in_with_password(phone, shopper.email)
    items = phone.get("/cart/").context["items"]

    assert [(item.product.name, item.quantity) for item in items] == [("Blue Kettle", 2)]
    log_in_with_password(laptop, shopper.email)
    assert [item.quantity for item in laptop.get("/cart/").context["items"]] == [2]
