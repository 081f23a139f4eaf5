"""The per-address login limit counts the client, behind a proxy too, and trusts no header it should not."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory

from .conftest import logged_in_user_id

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
# allauth's per-address limit: 10 failed logins a minute ("login_failed" in ACCOUNT_RATE_LIMITS).
ADDRESS_LIMIT = 10


def fail_logins_from(client: Client, count: int, **headers: str) -> None:
    """Failed logins with a different email each time, so only the per-address limit can trip."""
    for n in range(count):
        fail_login(client, n, **headers)


def fail_login(client: Client, n: int, **headers: str) -> None:
    client.post("/accounts/login/", {"login": f"nobody{n}@example.com", "password": "guess"}, **headers)


def logs_in(client: Client, **headers: str) -> bool:
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, **headers)
    return logged_in_user_id(client) == user.pk


def test_behind_one_proxy_each_forwarded_client_is_counted_on_its_own(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    fail_logins_from(attacker, ADDRESS_LIMIT)

    assert logs_in(Client(REMOTE_ADDR=PROXY), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert not logs_in(attacker, HTTP_X_FORWARDED_FOR="203.0.113.7")


def test_behind_one_proxy_only_the_address_the_proxy_appended_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The client wrote the first entry itself; the proxy appended the real address.
    fail_logins_from(Client(REMOTE_ADDR=PROXY), ADDRESS_LIMIT, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")

    assert not logs_in(Client(REMOTE_ADDR=PROXY), HTTP_X_FORWARDED_FOR="5.6.7.8, 203.0.113.7")


def test_behind_a_proxy_setting_a_client_ip_header_each_client_is_counted_on_its_own(settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    fail_logins_from(Client(REMOTE_ADDR=PROXY), ADDRESS_LIMIT, HTTP_X_REAL_IP="203.0.113.7")

    assert logs_in(Client(REMOTE_ADDR=PROXY), HTTP_X_REAL_IP="198.51.100.2")
    assert not logs_in(Client(REMOTE_ADDR=PROXY), HTTP_X_REAL_IP="203.0.113.7")


def test_a_direct_client_cannot_escape_the_limit_with_a_spoofed_forwarded_for():
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(ADDRESS_LIMIT):
        fail_login(attacker, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    assert not logs_in(attacker, HTTP_X_FORWARDED_FOR="192.0.2.99")


def test_a_direct_client_cannot_lock_out_others_with_a_spoofed_forwarded_for():
    fail_logins_from(Client(REMOTE_ADDR="203.0.113.7"), ADDRESS_LIMIT, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert logs_in(Client(REMOTE_ADDR="198.51.100.2"))
