"""Password reset by email, and managing the account's email addresses."""

import re

import pytest
from allauth.account.models import EmailAddress

import config.settings.development as project_settings

from .conftest import PASSWORD, log_in_with_password, logged_in_user_id

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new secret phrase"


def reset_link(mail) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.body).group(1)


def test_password_reset_by_emailed_link(client, shopper, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": shopper.email})
    assert response["Location"] == "/accounts/password/reset/done/"
    (mail,) = mailoutbox
    assert mail.to == [shopper.email]

    # The link moves its key out of the URL before the form is shown.
    form_page = client.get(reset_link(mail), follow=True)
    form_url = form_page.redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    log_in_with_password(client, shopper.email)
    assert logged_in_user_id(client) is None
    log_in_with_password(client, shopper.email, password=NEW_PASSWORD)
    assert logged_in_user_id(client) == shopper.pk


def test_a_reset_link_works_once(client, shopper, mailoutbox):
    client.post("/accounts/password/reset/", {"email": shopper.email})
    link = reset_link(mailoutbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert "Bad Token" in again.content.decode()


def test_development_mail_is_printed_to_the_console(client, settings, shopper, capsys):
    settings.EMAIL_BACKEND = project_settings.EMAIL_BACKEND  # what `make run` uses

    client.post("/accounts/password/reset/", {"email": shopper.email})

    printed = capsys.readouterr().out
    assert f"To: {shopper.email}" in printed
    assert "/accounts/password/reset/key/" in printed


def test_adding_an_email_address_sends_it_a_verification_link(client, shopper, mailoutbox):
    log_in_with_password(client, shopper.email)

    client.post("/accounts/email/", {"email": "second@example.com", "action_add": ""})

    address = EmailAddress.objects.get(user=shopper, email="second@example.com")
    assert not address.verified
    assert [mail.to for mail in mailoutbox] == [["second@example.com"]]
    page = client.get("/accounts/email/").content.decode()
    assert "second@example.com" in page
    assert "Unverified" in page


def test_removing_an_email_address(client, shopper):
    log_in_with_password(client, shopper.email)
    EmailAddress.objects.create(user=shopper, email=shopper.email, verified=True, primary=True)
    EmailAddress.objects.create(user=shopper, email="old@example.com", verified=True)

    client.post("/accounts/email/", {"email": "old@example.com", "action_remove": ""})

    assert list(EmailAddress.objects.filter(user=shopper).values_list("email", flat=True)) == [shopper.email]


def test_password_change_needs_the_current_password(client, shopper):
    log_in_with_password(client, shopper.email)

    refused = client.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "Please type your current password." in refused.content.decode()
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    shopper.refresh_from_db()
    assert shopper.check_password(NEW_PASSWORD)
