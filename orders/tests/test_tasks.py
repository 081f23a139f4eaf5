"""The scheduler's jobs: each runs from celery beat and is safe to run twice."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from config.celery import app as celery_app
from orders import tasks
from orders.models import Order, OrderStatus
from store.models import Product, StockMovement, StockReason
from tests.factories import CartItemFactory

from .helpers import place

pytestmark = pytest.mark.django_db


def test_the_scheduler_runs_the_unpaid_order_release_and_the_email_sweep():
    scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}

    assert {"orders.tasks.release_unpaid_orders", "orders.tasks.send_due_order_emails"} <= scheduled
    celery_app.loader.import_default_modules()  # what a worker imports: every app's tasks module
    assert scheduled <= set(celery_app.tasks)


def test_the_release_expires_an_unpaid_order_once_and_returns_its_stock():
    item = CartItemFactory(quantity=2, product__stock=5)
    order = place(item.cart.user).order
    product = Product.objects.get(pk=item.product_id)
    assert product.available == 3
    Order.objects.filter(pk=order.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES + 1)
    )

    tasks.release_unpaid_orders.delay()
    tasks.release_unpaid_orders.delay()

    product.refresh_from_db()
    order.refresh_from_db()
    assert product.available == 5
    assert order.status == OrderStatus.EXPIRED
    assert order.status_changes.filter(to_status=OrderStatus.EXPIRED).count() == 1
    # In the stock book once, as the release of the order's allocation.
    (release,) = StockMovement.objects.filter(order=order, reason=StockReason.EXPIRY)
    assert (release.on_hand_change, release.allocated_change) == (0, -2)


def test_an_order_within_its_payment_time_keeps_its_stock():
    item = CartItemFactory(quantity=2, product__stock=5)
    order = place(item.cart.user).order

    tasks.release_unpaid_orders.delay()

    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert Product.objects.get(pk=item.product_id).available == 3
