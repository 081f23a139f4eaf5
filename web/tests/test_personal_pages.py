"""Personal pages stay out of shared and browser caches and out of htmx's history cache."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOT_IN_HTMX_HISTORY = 'hx-history="false"'


def assert_never_cached(response) -> None:
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


@pytest.mark.parametrize("url", ["/cart/", "/accounts/email/", "/accounts/password/change/", "/"])
def test_pages_a_logged_in_shopper_sees_are_never_cached(shopper_client, url):
    response = shopper_client.get(url)

    assert response.status_code == 200
    assert_never_cached(response)
    assert NOT_IN_HTMX_HISTORY in response.content.decode()


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_account_forms_are_never_cached(client, url):
    response = client.get(url)

    assert_never_cached(response)
    assert NOT_IN_HTMX_HISTORY in response.content.decode()


def test_cart_fragments_are_never_cached(shopper_client):
    response = shopper_client.post(reverse("cart:clear"), HTTP_HX_REQUEST="true")

    assert response.status_code < 400
    assert_never_cached(response)


def test_the_catalog_for_a_visitor_may_be_cached_and_kept_in_htmx_history(client):
    response = client.get("/")

    assert "Cache-Control" not in response
    assert NOT_IN_HTMX_HISTORY not in response.content.decode()
