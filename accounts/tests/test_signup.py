"""Sign-up, with email verification off (the development default) and mandatory."""

import re

import pytest
from allauth.account.models import EmailAddress

from .conftest import PASSWORD, log_in_with_password, logged_in_user_id

pytestmark = pytest.mark.django_db


def sign_up(client, email: str, **extra):
    return client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD, **extra})


def test_sign_up_logs_in_at_once_by_default(client, django_user_model, mailoutbox):
    response = sign_up(client, "new@example.com")

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = django_user_model.objects.get(email="new@example.com")
    assert logged_in_user_id(client) == user.pk
    assert mailoutbox == []


def test_sign_up_with_a_taken_email_is_refused(client, shopper, django_user_model):
    response = sign_up(client, shopper.email)

    assert response.status_code == 200
    assert "A user is already registered with this email address." in response.content.decode()
    assert django_user_model.objects.filter(email=shopper.email).count() == 1


def test_mismatched_passwords_are_refused(client):
    response = client.post(
        "/accounts/signup/", {"email": "new@example.com", "password1": PASSWORD, "password2": "something else"}
    )

    assert response.status_code == 200
    assert "You must type the same password each time." in response.content.decode()
    assert logged_in_user_id(client) is None


def test_mandatory_verification_logs_in_only_after_the_emailed_link(client, settings, mailoutbox):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    response = sign_up(client, "new@example.com")

    assert response["Location"] == "/accounts/confirm-email/"
    assert logged_in_user_id(client) is None
    (mail,) = mailoutbox
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.body).group(1)
    log_in_with_password(client, "new@example.com")
    assert logged_in_user_id(client) is None  # not before the address is verified

    assert client.get(link).status_code == 200  # a page with a Confirm button: a GET changes nothing
    assert not EmailAddress.objects.get(email="new@example.com").verified
    client.post(link)

    assert EmailAddress.objects.get(email="new@example.com").verified
    log_in_with_password(client, "new@example.com")
    assert logged_in_user_id(client) is not None
