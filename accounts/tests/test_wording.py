"""One voice: the account pages say "Log in", "Sign up" and "Remember me" as the shop's header does."""

import re

import pytest
from django.contrib.messages import get_messages

from .conftest import log_in_with_password

pytestmark = pytest.mark.django_db


def title(page: str) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", page, re.S).group(1).split())


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def main_of(page: str) -> str:
    """The page without its header and footer (the footer's language switcher has buttons too)."""
    return re.search(r"<main\b.*?</main>", page, re.S).group(0)


def texts_of(tag: str, page: str) -> list[str]:
    return [visible_text(inner) for inner in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, re.S)]


def test_login_page_says_log_in_and_remember_me(client):
    page = client.get("/accounts/login/").content.decode()

    assert title(page) == "Log in — Corner Store"
    assert texts_of("h1", page) == ["Log in"]
    assert texts_of("button", main_of(page)) == ["Log in"]
    assert "Remember me" in texts_of("label", page)
    assert not re.search(r"Sign In|Remember Me", visible_text(page))


def test_signup_page_says_sign_up_and_points_to_log_in(client):
    page = client.get("/accounts/signup/").content.decode()

    assert title(page) == "Sign up — Corner Store"
    assert texts_of("h1", page) == ["Sign up"]
    assert texts_of("button", main_of(page)) == ["Sign up"]
    assert "Already have an account? Then please log in" in visible_text(page)
    assert not re.search(r"Sign Up|Signup|sign in", visible_text(page))


def test_the_header_says_the_same(client):
    page = client.get("/").content.decode()

    assert {"Log in", "Sign up"} <= set(texts_of("a", page))


def test_logging_in_and_out_is_said_in_the_same_words(client, shopper):
    response = log_in_with_password(client, "shopper@example.com")
    assert [str(message) for message in get_messages(response.wsgi_request)] == [f"Logged in as {shopper.username}."]

    response = client.post("/accounts/logout/")

    # The login message was never shown (no page followed the redirect), so both are there now.
    assert [str(message) for message in get_messages(response.wsgi_request)][-1] == "You have logged out."


def test_the_password_reset_email_speaks_the_same_way(client, shopper, mailoutbox):
    client.post("/accounts/password/reset/", {"email": "shopper@example.com"})

    (email,) = mailoutbox
    assert email.subject.endswith("Reset your password")
