"""A logged-out "Add to cart" survives login, sign-up and social login; no GET fills a cart."""

from urllib.parse import quote

import pytest

from cart.selectors import cart_items
from tests.oidc_provider import NEWCOMER

from .conftest import PASSWORD, log_in_at_provider, log_in_with_password

pytestmark = pytest.mark.django_db


def lines_of(user) -> list[tuple[str, int]]:
    return [(item.product.name, item.quantity) for item in cart_items(user=user)]


def add_while_logged_out(client, product, quantity: int = 2) -> str:
    """Click "Add to cart" without JavaScript; return where the shop sends the shopper."""
    page = product.get_absolute_url()
    response = client.post(f"/cart/add/{product.pk}/", {"quantity": quantity, "next": page})
    assert response.status_code == 303
    return response["Location"]


def test_add_then_log_in_lands_back_with_the_product_in_the_cart(client, shopper, product):
    page = product.get_absolute_url()
    login_url = add_while_logged_out(client, product)
    assert login_url == f"/accounts/login/?next={quote(page, safe='')}"
    assert "Log in to add Blue Kettle to your cart." in client.get(login_url).content.decode()

    form = {"login": shopper.email, "password": PASSWORD, "next": page}
    response = client.post("/accounts/login/", form, follow=True)

    assert response.redirect_chain == [(page, 302)]
    assert "Added Blue Kettle to your cart." in response.content.decode()
    assert lines_of(shopper) == [("Blue Kettle", 2)]


def test_htmx_add_is_told_to_navigate_to_login_and_the_add_survives(client, shopper, product):
    page = product.get_absolute_url()
    response = client.post(
        f"/cart/add/{product.pk}/",
        {"quantity": 1},
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"},
    )
    assert response["HX-Redirect"] == f"/accounts/login/?next={quote(page, safe='')}"

    response = log_in_with_password(client, shopper.email, next_url=page)

    assert response["Location"] == page
    assert lines_of(shopper) == [("Blue Kettle", 1)]


def test_add_then_sign_up_lands_back_with_the_product_in_the_cart(client, product, django_user_model):
    page = product.get_absolute_url()
    add_while_logged_out(client, product)

    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD, "next": page},
        follow=True,
    )

    assert response.redirect_chain == [(page, 302)]
    assert "Added Blue Kettle to your cart." in response.content.decode()
    assert lines_of(django_user_model.objects.get(email="new@example.com")) == [("Blue Kettle", 2)]


def test_add_then_social_login_lands_back_with_the_product_in_the_cart(
    client, product, oidc_provider, django_user_model
):
    page = product.get_absolute_url()
    add_while_logged_out(client, product)

    response = log_in_at_provider(client, person=NEWCOMER.sub, next_url=page)

    assert response["Location"] == page
    assert "Added Blue Kettle to your cart." in client.get(page).content.decode()
    assert lines_of(django_user_model.objects.get(email="grace@example.com")) == [("Blue Kettle", 2)]


def test_the_add_applies_once(client, shopper, product):
    add_while_logged_out(client, product)
    log_in_with_password(client, shopper.email)
    client.post("/accounts/logout/")

    log_in_with_password(client, shopper.email)

    assert lines_of(shopper) == [("Blue Kettle", 2)]


def test_add_is_not_reachable_by_get(client, shopper, product):
    assert client.get(f"/cart/add/{product.pk}/", {"quantity": 1}).status_code == 405

    log_in_with_password(client, shopper.email)

    assert lines_of(shopper) == []


def test_a_login_link_pointing_at_add_fills_no_cart(client, shopper, product):
    add_url = f"/cart/add/{product.pk}/"

    response = log_in_with_password(client, shopper.email, next_url=add_url)
    assert response["Location"] == add_url
    assert client.get(add_url).status_code == 405

    assert lines_of(shopper) == []
