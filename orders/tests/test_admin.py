import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import Order, OrderStatus, OrderStatusChange
from store.models import Product
from tests.factories import CartItemFactory, ShippingMethodFactory

from .helpers import place

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:orders_order_changelist")


@pytest.fixture
def order():
    item = CartItemFactory(quantity=2, product__name="Blue Mug", product__stock=5, product__price=Decimal("8.00"))
    return place(item.cart.user).order


def act(admin_client, action: str, *orders: Order):
    return admin_client.post(
        CHANGELIST, {"action": action, "_selected_action": [order.pk for order in orders]}, follow=True
    )


def test_orders_list_filters_and_search(admin_client, order):
    other = place(CartItemFactory().cart.user).order
    Order.objects.filter(pk=other.pk).update(email="someone@else.example")

    page = admin_client.get(CHANGELIST).content.decode()
    assert 'id="changelist-filter"' in page
    found = admin_client.get(CHANGELIST, {"q": order.reference}).context["cl"].result_list
    assert list(found) == [order]
    found = admin_client.get(CHANGELIST, {"q": "someone@else"}).context["cl"].result_list
    assert list(found) == [other]
    found = admin_client.get(CHANGELIST, {"status__exact": "paid"}).context["cl"].result_list
    assert list(found) == []


def test_order_page_shows_lines_and_totals_read_only(admin_client, order):
    response = admin_client.get(reverse("admin:orders_order_change", args=[order.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Blue Mug" in page
    assert "20.95" in page
    assert 'name="total"' not in page


def test_cancel_twice_returns_stock_once_and_records_who(admin_client, admin_user, order):
    act(admin_client, "order_cancel", order)
    response = act(admin_client, "order_cancel", order)

    assert f"Not changed (their status does not allow it): {order.reference}." in response.content.decode()
    assert Product.objects.get(name="Blue Mug").stock == 5
    change = OrderStatusChange.objects.filter(order=order).last()
    assert (change.from_status, change.to_status, change.changed_by) == ("awaiting_payment", "cancelled", admin_user)


def test_paid_shipped_delivered_with_a_shipping_email(
    admin_client, order, mailoutbox, django_capture_on_commit_callbacks
):
    act(admin_client, "order_mark_paid", order)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(admin_client, "order_mark_shipped", order)
    act(admin_client, "order_mark_delivered", order)

    assert f"Shipped: {order.reference}." in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert [mail.to for mail in mailoutbox] == [["ada@example.com"]]
    assert "is on its way" in mailoutbox[0].subject
    assert list(order.status_changes.values_list("to_status", flat=True)) == [
        "awaiting_payment",
        "paid",
        "shipped",
        "delivered",
    ]


def test_shipping_methods_are_edited_in_the_admin(admin_client):
    ShippingMethodFactory()
    ShippingMethodFactory(name="Express", free_above=None)

    page = admin_client.get(reverse("admin:orders_shippingmethod_changelist")).content.decode()

    # Price, abroad price, free threshold and order editable in the list.
    assert "Standard" in page
    assert "Express" in page
    assert 'name="form-0-free_above"' in page


def test_the_orders_list_dates_follow_the_owners_language(admin_client, order):
    Order.objects.filter(pk=order.pk).update(created_at=datetime.datetime(2024, 3, 20, 9, 5, tzinfo=datetime.UTC))

    english = admin_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    persian = admin_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="fa").content.decode()

    assert '<td class="field-placed">20 March 2024, 09:05</td>' in english
    assert '<td class="field-placed">۱ فروردین ۱۴۰۳، ۰۹:۰۵</td>' in persian
    assert "در انتظار پرداخت" in persian
