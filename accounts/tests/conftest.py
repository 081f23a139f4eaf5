import pytest
import requests
from django.test import Client

from tests.factories import PASSWORD, ProductFactory, UserFactory
from tests.oidc_provider import LOGIN_URL


@pytest.fixture
def shopper(db):
    return UserFactory(email="shopper@example.com")


@pytest.fixture
def product(db):
    return ProductFactory(name="Blue Kettle", slug="blue-kettle")


def log_in_with_password(client: Client, email: str, *, next_url: str | None = None, password: str = PASSWORD):
    data = {"login": email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


def log_in_at_provider(client: Client, *, person: str = "", next_url: str | None = None, deny: bool = False):
    """Start social login with a POST, answer the provider's page as a person would, follow back."""
    start = client.post(LOGIN_URL, {"next": next_url} if next_url else {})
    assert start.status_code == 302, start.content
    answer = {"action": "deny"} if deny else {"sub": person}
    at_provider = requests.post(start["Location"], data=answer, allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302, at_provider.text
    return client.get(at_provider.headers["Location"])


def logged_in_user_id(client: Client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None
