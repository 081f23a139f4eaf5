"""Races between checkouts and status changes, on PostgreSQL where rows can be locked.

Threads are released together by a barrier and close their own connections
(tests/concurrency.py). SQLite serialises whole-database writes instead.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from cart.models import CartItem
from orders import services
from orders.models import Order, OrderStatus, OrderStatusChange
from orders.services import CheckoutChanged
from store.models import Product
from tests.concurrency import run_together
from tests.factories import CartItemFactory, ProductFactory, ShippingMethodFactory, UserFactory

from .helpers import place

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs this there)"),
]


def test_twenty_shoppers_for_the_last_five_units_make_five_orders():
    product = ProductFactory(stock=5, price=Decimal("10.00"))
    shoppers = [CartItemFactory(product=product, quantity=1).cart.user for _ in range(20)]
    ShippingMethodFactory()

    results = run_together([lambda user=user: place(user, expected_total=Decimal("14.95")) for user in shoppers])

    placed = [r for r in results if isinstance(r, services.PlacedOrder)]
    refused = [r for r in results if isinstance(r, CheckoutChanged)]
    assert (len(placed), len(refused)) == (5, 15)
    assert all(r.changes == [f"{product.name} is out of stock."] for r in refused)
    product.refresh_from_db()
    assert product.stock == 0
    assert Order.objects.count() == 5
    # Those left out keep their carts.
    assert CartItem.objects.filter(product=product).count() == 15


def test_one_checkout_submitted_ten_times_at_once_makes_one_order():
    item = CartItemFactory(quantity=2, product__stock=10, product__price=Decimal("10.00"))
    user, token = item.cart.user, uuid.uuid4()
    ShippingMethodFactory()

    results = run_together([lambda: place(user, token=token, expected_total=Decimal("24.95")) for _ in range(10)])

    assert [r for r in results if isinstance(r, Exception)] == []
    assert len({r.order.pk for r in results}) == 1
    assert sum(r.created for r in results) == 1
    item.product.refresh_from_db()
    assert item.product.stock == 8


def test_checkouts_sharing_products_in_opposite_cart_order_do_not_deadlock():
    first, second = ProductFactory(stock=50), ProductFactory(stock=50)
    ShippingMethodFactory()
    shoppers = []
    for index in range(10):
        user = UserFactory()
        # Half add the products in one order, half in the other: the lock order must not follow the cart.
        for product in (first, second) if index % 2 else (second, first):
            CartItemFactory(cart__user=user, product=product, quantity=1)
        shoppers.append(user)

    results = run_together([lambda user=user: place(user) for user in shoppers])

    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(Product.objects.values_list("stock", flat=True)) == [40, 40]


def test_cancel_and_payment_expiry_racing_return_stock_once():
    item = CartItemFactory(quantity=3, product__stock=3)
    order = place(item.cart.user).order
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=1))
    staff = UserFactory(is_staff=True)
    tasks = [lambda: services.order_cancel(order=Order.objects.get(pk=order.pk), changed_by=staff) for _ in range(5)]
    tasks += [services.orders_release_unpaid for _ in range(5)]

    results = run_together(tasks)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert sum(int(r) for r in results) == 1
    item.product.refresh_from_db()
    assert item.product.stock == 3
    assert OrderStatusChange.objects.filter(order=order).exclude(to_status=OrderStatus.AWAITING_PAYMENT).count() == 1
