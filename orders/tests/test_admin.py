import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertContains

from orders.models import Order, OrderStatus, OrderStatusChange
from store.models import Product
from tests.factories import CartItemFactory, ShippingMethodFactory, UserFactory

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
    assert '<div class="readonly">$20.95</div>' in page
    assert 'name="total"' not in page
    # Nothing on the page can be edited, so there is nothing to save.
    assert 'name="_save"' not in page
    assert 'name="_continue"' not in page


def test_order_amounts_carry_the_currency_and_the_vat_rate_is_a_percentage(admin_client, order):
    response = admin_client.get(reverse("admin:orders_order_change", args=[order.pk]))
    english = response.content.decode()
    persian = admin_client.get(
        reverse("admin:orders_order_change", args=[order.pk]), HTTP_ACCEPT_LANGUAGE="fa"
    ).content.decode()
    listed = admin_client.get(CHANGELIST).content.decode()

    assert '<div class="readonly">20%</div>' in english
    assert '<div class="readonly">$16.00</div>' in english  # the subtotal
    assertContains(response, '<td class="field-unit_price_shown"><p>$8.00</p></td>', html=True)  # an order line
    assert '<td class="field-total_shown">$20.95</td>' in listed
    assert '<div class="readonly">۲۰٪</div>' in persian
    assert '<div class="readonly">\u200e$\u00a0۲۰٫۹۵</div>' in persian


def test_order_page_dates_follow_the_owners_calendar(admin_client, order):
    placed_at = datetime.datetime(2024, 3, 20, 9, 5, tzinfo=datetime.UTC)
    Order.objects.filter(pk=order.pk).update(created_at=placed_at)
    OrderStatusChange.objects.filter(order=order).update(changed_at=placed_at)

    response = admin_client.get(reverse("admin:orders_order_change", args=[order.pk]), HTTP_ACCEPT_LANGUAGE="fa")

    assertContains(response, '<div class="readonly">۱ فروردین ۱۴۰۳، ۰۹:۰۵</div>')
    assertContains(response, '<td class="field-changed_at_shown"><p>۱ فروردین ۱۴۰۳، ۰۹:۰۵</p></td>', html=True)


def test_staff_who_may_only_view_orders_cannot_change_their_status(client, order):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_order"))
    client.force_login(viewer)

    page = client.get(CHANGELIST).content.decode()
    response = client.post(CHANGELIST, {"action": "order_cancel", "_selected_action": [order.pk]})

    assert "Cancel and return stock" not in page
    assert response.status_code == 200  # the list again: no such action for them
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT


def test_cancel_twice_returns_stock_once_and_records_who(admin_client, admin_user, order):
    act(admin_client, "order_cancel", order)
    response = act(admin_client, "order_cancel", order)

    assert f"Not changed (their status does not allow it): {order.reference}." in response.content.decode()
    assert Product.objects.get(name="Blue Mug").available == 5
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
