"""PostgreSQL (or any database) unreachable: a styled 503 with Retry-After, and health endpoints that say so."""

import json
import logging

import pytest
from django.db import OperationalError, connections

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def take_the_database_down(monkeypatch) -> None:
    """Every connection attempt fails, in every thread, as when PostgreSQL is down."""

    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(type(connections["default"]), "ensure_connection", refuse)


@pytest.fixture
def database_down(monkeypatch):
    take_the_database_down(monkeypatch)


def test_a_page_answers_503_with_retry_after_and_the_styled_page(client_seeing_errors, database_down, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client_seeing_errors.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "The shop is briefly unavailable" in page
    assert "Nothing was lost" in page
    assert "css/dist/styles.css" in page
    assert "Service Unavailable: /" in caplog.text


def test_a_logged_in_shoppers_cart_page_answers_503(client_seeing_errors, monkeypatch):
    client_seeing_errors.force_login(UserFactory())
    take_the_database_down(monkeypatch)

    assert client_seeing_errors.get("/cart/").status_code == 503


def test_an_htmx_request_gets_a_toast_and_no_swap(client_seeing_errors, database_down):
    response = client_seeing_errors.post("/cart/add/1/", **HTMX)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["HX-Reswap"] == "none"
    assert json.loads(response["HX-Trigger"]) == {"toast": {}}  # shop.js adds no failure toast of its own
    content = response.content.decode()
    assert 'hx-swap-oob="true"' in content
    assert "The shop is briefly unavailable. Nothing was lost" in content


def test_other_errors_still_answer_500(client_seeing_errors, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("store.views.render", broken)

    response = client_seeing_errors.get("/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_readiness_fails_while_liveness_answers_when_the_database_is_down(client_seeing_errors, database_down):
    assert client_seeing_errors.get("/health/", HTTP_ACCEPT="application/json").status_code == 500
    assert client_seeing_errors.get("/health/live/").status_code == 200


def test_readiness_and_liveness_answer_200_when_all_is_up(client_seeing_errors):
    ready = client_seeing_errors.get("/health/", HTTP_ACCEPT="application/json")

    assert ready.status_code == 200, ready.content
    assert set(ready.json().values()) == {"OK"}
    assert client_seeing_errors.get("/health/live/").content == b"ok"
