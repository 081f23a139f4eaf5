"""Staff log in through the shop's login, so the admin shares its failed-login limit."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory

from .conftest import logged_in_user_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return UserFactory(email="owner@example.com", is_staff=True, is_superuser=True)


def admin_login_form_url(client: Client) -> str:
    """Where the admin sends a logged-out visitor to log in (following every redirect)."""
    response = client.get("/admin/", follow=True)
    return response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"]


def test_the_admin_login_is_the_shops_login_and_leads_back_to_the_admin(client, owner):
    login_url = admin_login_form_url(client)
    assert login_url.startswith("/accounts/login/")

    response = client.post(login_url, {"login": owner.email, "password": PASSWORD}, follow=True)

    assert logged_in_user_id(client) == owner.pk
    assert response.request["PATH_INFO"] == "/admin/"
    assert response.status_code == 200


def test_posting_credentials_to_the_admins_own_login_view_does_not_log_in(client, owner):
    response = client.post("/admin/login/", {"username": owner.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert logged_in_user_id(client) is None


def test_eleven_wrong_admin_passwords_lock_the_admin_out(client, owner):
    login_url = admin_login_form_url(client)

    answers = [client.post(login_url, {"login": owner.email, "password": f"guess {n}"}).status_code for n in range(11)]

    assert 429 in answers
    assert client.post(login_url, {"login": owner.email, "password": PASSWORD}).status_code == 429
    assert logged_in_user_id(client) is None


def test_failures_at_the_shop_login_count_for_the_admin_login(client, owner):
    for n in range(5):
        client.post("/accounts/login/", {"login": owner.email, "password": f"guess {n}"})

    response = client.post(admin_login_form_url(client), {"login": owner.email, "password": PASSWORD})

    assert response.status_code == 429
    assert logged_in_user_id(client) is None


def test_a_logged_in_shopper_gets_403_from_the_admin_login(client):
    client.force_login(UserFactory())

    assert client.get("/admin/login/").status_code == 403
