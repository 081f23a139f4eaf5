"""Redis down: logins, sign-up and password reset still work; the login limits fail open, and it is logged."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from .conftest import PASSWORD, log_in_with_password, logged_in_user_id

pytestmark = pytest.mark.django_db

# Nothing listens on port 1.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
# The suite's own Redis database, clear of other users of the server.
TEST_REDIS = "redis://127.0.0.1:6379/10"


def redis_cache(url: str) -> dict:
    """CACHES as config/settings/base.py builds it from REDIS_URL."""
    return {
        "default": {
            "BACKEND": "web.cache.FailOpenRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(UNREACHABLE_REDIS)


@pytest.fixture
def redis_up(settings):
    settings.CACHES = redis_cache(TEST_REDIS)
    cache.clear()
    yield
    cache.clear()


def test_login_with_the_right_password_works_and_the_outage_is_logged(redis_down, client, shopper, caplog):
    with caplog.at_level(logging.WARNING, logger="web.cache"):
        response = log_in_with_password(client, shopper.email)

    assert response.status_code == 302
    assert logged_in_user_id(client) == shopper.pk
    assert "Cache unreachable" in caplog.text


def test_a_wrong_password_is_still_refused(redis_down, client, shopper):
    response = log_in_with_password(client, shopper.email, password="guess")

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_the_login_limit_fails_open(redis_down, client, shopper):
    for _ in range(6):
        log_in_with_password(client, shopper.email, password="guess")

    assert log_in_with_password(client, shopper.email).status_code == 302
    assert logged_in_user_id(client) == shopper.pk


def test_sign_up_works(redis_down, client):
    response = client.post(
        "/accounts/signup/", {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 302
    assert get_user_model().objects.filter(email="new@example.com").exists()


def test_password_reset_works(redis_down, client, shopper, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": shopper.email})

    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(mailoutbox) == 1


def test_with_redis_up_the_login_limit_counts_in_redis(redis_up, client, shopper):
    for _ in range(5):
        log_in_with_password(client, shopper.email, password="guess")

    assert log_in_with_password(client, shopper.email).status_code == 429
