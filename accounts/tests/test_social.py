"""Social login against a real OpenID Connect provider on loopback."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse

from config.settings.social import social_login_providers
from tests.factories import UserFactory
from tests.oidc_provider import LOGIN_URL, NEWCOMER, PROVIDER_NAME, UNVERIFIED, VERIFIED, unreachable_url

from .conftest import PASSWORD, log_in_at_provider, log_in_with_password, logged_in_user_id

pytestmark = pytest.mark.django_db


def test_no_provider_buttons_when_none_is_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}

    page = client.get("/accounts/login/").content.decode()

    assert "Continue with" not in page


def test_buttons_only_for_configured_providers(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = social_login_providers(
        {"GITHUB_CLIENT_ID": "id", "GITHUB_CLIENT_SECRET": "secret"}
    )

    page = client.get("/accounts/login/").content.decode()

    assert "Continue with GitHub" in page
    assert "Continue with Google" not in page
    assert "Continue with Single sign-on" not in page


def test_provider_button_is_a_post_form_keeping_next(client, oidc_provider):
    page = client.get("/accounts/login/?next=/cart/").content.decode()

    assert f'<form method="post" action="{LOGIN_URL}?process=login&amp;next=%2Fcart%2F">' in page
    assert f"Continue with {PROVIDER_NAME}" in page


@pytest.mark.parametrize("login_url", [LOGIN_URL, "/accounts/github/login/"])
def test_get_on_a_provider_login_url_does_not_go_to_the_provider(client, settings, oidc_provider, login_url):
    settings.SOCIALACCOUNT_PROVIDERS |= social_login_providers({"GITHUB_CLIENT_ID": "id", "GITHUB_CLIENT_SECRET": "s"})

    response = client.get(login_url)

    assert response.status_code == 200
    assert "Location" not in response
    assert b'method="post"' in response.content


def test_new_person_signs_up_through_the_provider_and_lands_on_next(client, oidc_provider):
    response = log_in_at_provider(client, person=NEWCOMER.sub, next_url="/cart/")

    assert response.status_code == 302
    assert response["Location"] == "/cart/"
    user = get_user_model().objects.get(email="grace@example.com")
    assert logged_in_user_id(client) == user.pk
    assert SocialAccount.objects.filter(user=user, provider="sso", uid=NEWCOMER.sub).exists()


def test_returning_person_logs_in_to_the_same_account(client, oidc_provider):
    log_in_at_provider(client, person=NEWCOMER.sub)
    first_user_id = logged_in_user_id(client)
    client.post("/accounts/logout/")

    log_in_at_provider(client, person=NEWCOMER.sub)

    assert logged_in_user_id(client) == first_user_id
    assert get_user_model().objects.filter(email="grace@example.com").count() == 1


def test_verified_provider_email_connects_to_the_existing_account(client, oidc_provider):
    ada = UserFactory(email="ada@example.com")
    EmailAddress.objects.create(user=ada, email="ada@example.com", verified=True, primary=True)

    response = log_in_at_provider(client, person=VERIFIED.sub)

    assert response.status_code == 302
    assert logged_in_user_id(client) == ada.pk
    assert SocialAccount.objects.get(uid=VERIFIED.sub).user == ada
    # Her address was verified here too, so her password keeps working.
    client.post("/accounts/logout/")
    log_in_with_password(client, "ada@example.com")
    assert logged_in_user_id(client) == ada.pk


def test_connecting_to_an_account_with_an_unverified_address_locks_out_its_password(client, oidc_provider):
    # Whoever registered the address without verifying it may not own it: only the provider's
    # verified owner gets in from now on (a password reset mails the real owner).
    squatter = UserFactory(email="ada@example.com")
    EmailAddress.objects.create(user=squatter, email="ada@example.com", verified=False, primary=True)

    log_in_at_provider(client, person=VERIFIED.sub)

    assert logged_in_user_id(client) == squatter.pk
    squatter.refresh_from_db()
    assert not squatter.has_usable_password()


def test_unverified_provider_email_never_reaches_the_existing_account(client, oidc_provider):
    ada = UserFactory(email="ada@example.com")
    EmailAddress.objects.create(user=ada, email="ada@example.com", verified=True, primary=True)

    log_in_at_provider(client, person=UNVERIFIED.sub)

    assert logged_in_user_id(client) != ada.pk
    assert not SocialAccount.objects.filter(user=ada).exists()
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)


def test_cancelling_at_the_provider_shows_a_friendly_page(client, oidc_provider):
    # The mock provider leaves `state` out of its "denied" answer, so allauth cannot
    # match it to the login it started; the shopper still reads that they cancelled.
    response = log_in_at_provider(client, deny=True)

    assert response.status_code == 401
    assert "Login cancelled" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_cancel_answer_with_state_goes_to_the_cancelled_page(client, oidc_provider):
    start = client.post(LOGIN_URL)
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]

    response = client.get(f"{LOGIN_URL}callback/", {"error": "access_denied", "state": state}, follow=True)

    assert response.redirect_chain == [(reverse("socialaccount_login_cancelled"), 302)]
    assert "Login cancelled" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_provider_down_shows_a_friendly_error_not_a_500(client, settings, caplog):
    settings.SOCIALACCOUNT_PROVIDERS = social_login_providers(
        {"OIDC_CLIENT_ID": "shop", "OIDC_CLIENT_SECRET": "s", "OIDC_SERVER_URL": unreachable_url()}
    )

    response = client.post(LOGIN_URL)

    assert response.status_code == 401
    page = response.content.decode()
    assert "We couldn’t log you in" in page
    assert "Single sign-on did not complete the login" in page
    assert "Social login provider sso unreachable" in caplog.text


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/github/login/",
        "/accounts/google/login/",
        "/accounts/github/login/callback/?code=x&state=y",
        "/accounts/google/login/callback/?code=x&state=y",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_provider_without_credentials_is_not_found(client_seeing_errors, settings, url, method):
    settings.SOCIALACCOUNT_PROVIDERS = {}

    response = getattr(client_seeing_errors, method)(url)

    assert response.status_code == 404
