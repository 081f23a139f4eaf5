"""Races between checkouts and status changes, on PostgreSQL where rows can be locked.

Threads are released together by a barrier and close their own connections
(tests/concurrency.py). SQLite serialises whole-database writes instead.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from cart.models import CartItem
from orders import services
from orders.models import Order, OrderStatus, OrderStatusChange
from orders.services import CheckoutChanged
from store.models import LowStockAlert, Product, StockMovement, available_units
from store.services import StockChange, stock_recount
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
    assert product.available == 0
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
    assert item.product.available == 8


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
    assert sorted(Product.objects.values_list(available_units(), flat=True)) == [40, 40]


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
    assert item.product.available == 3
    assert OrderStatusChange.objects.filter(order=order).exclude(to_status=OrderStatus.AWAITING_PAYMENT).count() == 1


def book_sums(product: Product) -> tuple[int, int]:
    sums = StockMovement.objects.filter(product=product).aggregate(
        on_hand=Sum("on_hand_change", default=0), allocated=Sum("allocated_change", default=0)
    )
    return sums["on_hand"], sums["allocated"]


def test_owner_recounts_while_twenty_buyers_race_for_the_last_units():
    product = ProductFactory(stock=10, price=Decimal("10.00"))
    shoppers = [CartItemFactory(product=product, quantity=1).cart.user for _ in range(20)]
    ShippingMethodFactory()
    owner = UserFactory(is_staff=True)
    buyers = [lambda user=user: place(user, expected_total=Decimal("14.95")) for user in shoppers]
    # The owner finds two broken and counts 8, against the 10 the page showed: sales only allocate, so the
    # figure on hand is still 10 unless more than 8 were sold first (then the count is refused).
    recount = lambda: stock_recount(product=product, counted=8, expected=10, staff=owner)  # noqa: E731

    results = run_together(buyers[:10] + [recount] + buyers[10:])

    placed = [r for r in results if isinstance(r, services.PlacedOrder)]
    recounted = results[10]
    assert [r for r in results if not isinstance(r, services.PlacedOrder | CheckoutChanged | StockChange)] == (
        [] if isinstance(recounted, StockChange) else [recounted]  # refused: more than 8 were sold first
    )
    product.refresh_from_db()
    assert (product.on_hand, product.allocated) == book_sums(product)
    assert product.allocated == len(placed) == Order.objects.count()
    if isinstance(recounted, StockChange):
        assert (product.on_hand, len(placed)) == (8, 8)  # never more sold than the shelf holds
    else:
        assert recounted.code == "below_allocated"
        assert (product.on_hand, len(placed)) == (10, 10)
    assert product.available == 0


def test_a_recount_racing_the_expiry_of_an_unpaid_order_counts_its_units_once():
    item = CartItemFactory(quantity=3, product__stock=10)
    order = place(item.cart.user).order
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=1))
    product = item.product
    # The three units are still on the shelf, so the owner counts all ten.
    tasks = [lambda: stock_recount(product=product, counted=10, expected=10) for _ in range(5)]
    tasks += [services.orders_release_unpaid for _ in range(5)]

    results = run_together(tasks)

    assert [r for r in results if isinstance(r, Exception)] == []
    product.refresh_from_db()
    assert (product.on_hand, product.allocated, product.available) == (10, 0, 10)
    assert (product.on_hand, product.allocated) == book_sums(product)


def test_twenty_buyers_crossing_the_low_stock_threshold_send_one_email(settings, mailoutbox):
    settings.SHOP_LOW_STOCK_THRESHOLD = 5
    UserFactory(username="owner", email="owner@example.com", is_staff=True)
    product = ProductFactory(stock=10, price=Decimal("10.00"), name="Blue Mug")
    shoppers = [CartItemFactory(product=product, quantity=1).cart.user for _ in range(20)]
    ShippingMethodFactory()

    results = run_together([lambda user=user: place(user, expected_total=Decimal("14.95")) for user in shoppers])

    assert sum(isinstance(r, services.PlacedOrder) for r in results) == 10
    assert LowStockAlert.objects.count() == 1
    low_stock_emails = [email for email in mailoutbox if "low stock" in email.subject]
    assert [email.to for email in low_stock_emails] == [["owner@example.com"]]
