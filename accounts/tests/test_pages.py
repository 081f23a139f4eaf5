"""Every allauth page is one of the shop's pages: its header, its footer, its look."""

import re

import pytest

from .conftest import log_in_with_password

pytestmark = pytest.mark.django_db


def assert_shop_page(page: str, shop_name: str) -> None:
    assert 'placeholder="Search products…"' in page  # the shop's header
    assert f"{shop_name} — a demo shop" in page  # and footer
    assert len(re.findall(r"<h1[ >]", page)) == 1  # allauth's heading, once, inside the shop's layout


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/3rdparty/login/cancelled/",
    ],
)
def test_logged_out_pages(client, settings, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_shop_page(response.content.decode(), settings.SHOP_NAME)


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/accounts/email/", "Email addresses"),
        ("/accounts/password/change/", "Password"),
        ("/accounts/3rdparty/", "Connected accounts"),
        ("/accounts/logout/", None),
    ],
)
def test_account_settings_pages(client, settings, shopper, url, current):
    log_in_with_password(client, shopper.email)

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert_shop_page(page, settings.SHOP_NAME)
    assert 'aria-label="Account settings"' in page
    if current:
        assert re.search(rf'aria-current="page"[^>]*>{current}</a>', page)


def test_form_errors_are_tied_to_their_field(client):
    page = client.post("/accounts/signup/", {"email": "not-an-email", "password1": "x", "password2": "x"})

    html = page.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_errors' in html
    assert 'id="id_email_errors"' in html


def test_a_rejected_password_is_not_written_back_into_the_page(client, shopper):
    page = client.post("/accounts/login/", {"login": shopper.email, "password": "my secret guess"})

    assert "my secret guess" not in page.content.decode()
    assert f'value="{shopper.email}"' in page.content.decode()


def test_header_links_a_logged_in_shopper_to_account_settings(client, shopper):
    log_in_with_password(client, shopper.email)

    page = client.get("/").content.decode()

    assert 'href="/accounts/email/"' in page
