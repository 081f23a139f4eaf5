"""Each email about an order is in the language the shopper checked out in, whoever sends it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import Order
from tests.factories import CartItemFactory, ShippingMethodFactory

from .helpers import checkout_form, place

pytestmark = pytest.mark.django_db

NOWRUZ_1403 = datetime.datetime(2024, 3, 20, 9, 5, tzinfo=datetime.UTC)


@pytest.fixture
def cart_owner():
    return CartItemFactory(
        quantity=2, product__name="Blue Mug", product__price=Decimal("8.00"), product__stock=5
    ).cart.user


def placed_on_nowruz(user, *, language: str, django_capture_on_commit_callbacks, monkeypatch) -> Order:
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOWRUZ_1403)
    with django_capture_on_commit_callbacks(execute=True):
        return place(user, language=language).order


def test_the_confirmation_is_in_persian_for_a_persian_checkout(
    cart_owner, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    order = placed_on_nowruz(
        cart_owner,
        language="fa",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        monkeypatch=monkeypatch,
    )

    mail = mailoutbox[0]
    assert order.language == "fa"
    assert mail.subject == f"Corner Store: سفارش {order.reference} شما"
    assert f"سفارش {order.reference}، ثبت‌شده در ۱ فروردین ۱۴۰۳، ۰۹:۰۵" in mail.body
    assert "۲ × \u2068Blue Mug\u2069 به قیمت" in mail.body
    html = mail.alternatives[0].content
    assert '<html lang="fa" dir="rtl">' in html
    assert "<bdi>Blue Mug</bdi>" in html


def test_the_confirmation_is_in_english_for_an_english_checkout(
    cart_owner, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    order = placed_on_nowruz(
        cart_owner,
        language="en",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        monkeypatch=monkeypatch,
    )

    mail = mailoutbox[0]
    assert mail.subject == f"Corner Store: your order {order.reference}"
    assert f"Order {order.reference}, placed 20 March 2024, 09:05" in mail.body
    assert '<html lang="en" dir="ltr">' in mail.alternatives[0].content


def test_the_shipped_email_sent_from_an_english_admin_is_in_the_shoppers_persian(
    cart_owner, admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    order = place(cart_owner, language="fa").order
    changelist = reverse("admin:orders_order_changelist")
    for action in ("order_mark_paid", "order_mark_shipped"):
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(changelist, {"action": action, "_selected_action": [order.pk]}, HTTP_ACCEPT_LANGUAGE="en")

    mail = mailoutbox[-1]
    assert mail.subject == f"Corner Store: سفارش {order.reference} در راه است"
    assert "خبر خوب" in mail.body


def test_checkout_stores_the_shoppers_language(client, cart_owner):
    ShippingMethodFactory()
    client.force_login(cart_owner)
    client.cookies["django_language"] = "fa"
    client.post(reverse("orders:place"), checkout_form(client))

    assert Order.objects.get(user=cart_owner).language == "fa"


def test_a_persian_name_set_for_the_shop_names_it_in_persian_emails(
    cart_owner, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SHOP_NAME_FA = "فروشگاه سر کوچه"
    with django_capture_on_commit_callbacks(execute=True):
        persian = place(cart_owner, language="fa").order
    CartItemFactory(cart__user=cart_owner)
    with django_capture_on_commit_callbacks(execute=True):
        english = place(cart_owner, language="en").order

    subjects = {mail.subject for mail in mailoutbox}
    assert f"فروشگاه سر کوچه: سفارش {persian.reference} شما" in subjects
    assert f"Corner Store: your order {english.reference}" in subjects


def test_free_shipping_says_free_as_the_pages_do(mailoutbox, django_capture_on_commit_callbacks):
    user = CartItemFactory(quantity=5, product__price=Decimal("10.00")).cart.user  # $50.00: Standard is free
    with django_capture_on_commit_callbacks(execute=True):
        place(user)

    mail = mailoutbox[0]
    assert "Shipping (Standard): Free" in mail.body
    assert ">Free</td>" in mail.alternatives[0].content
