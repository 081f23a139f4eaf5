"""Placing an order reads a fixed number of times whatever its size: only the per-line stock updates grow.

Statements are counted as in cart/tests/test_budgets.py, transaction control excluded.
"""

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cart.models import Cart, CartItem
from orders import services
from store.models import Product
from tests.factories import CategoryFactory, ProductFactory, ShippingMethodFactory, UserFactory

from .helpers import shipping_details, shown_total

pytestmark = pytest.mark.django_db

TRANSACTION_CONTROL = re.compile(
    r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I
)


def statements_to_place(lines: int) -> int:
    user = UserFactory()
    category = CategoryFactory()
    products = Product.objects.bulk_create(ProductFactory.build_batch(lines, category=category))
    cart = Cart.objects.create(user=user)
    CartItem.objects.bulk_create(
        CartItem(cart=cart, product=product, quantity=2, unit_price=product.price) for product in products
    )
    method = ShippingMethodFactory()
    details, total = shipping_details(method), shown_total(user, method)
    with CaptureQueriesContext(connection) as captured:
        placed = services.order_place(user=user, details=details, checkout_token=uuid.uuid4(), expected_total=total)
    assert placed.order.lines.count() == lines
    return sum(1 for query in captured.captured_queries if not TRANSACTION_CONTROL.match(query["sql"]))


def test_statements_grow_only_by_the_per_line_stock_update():
    one, twenty = statements_to_place(1), statements_to_place(20)

    # Each line adds exactly its conditional stock UPDATE; order lines and stock movements are one bulk INSERT
    # each, the confirmation email one outbox INSERT. The stock book costs two fixed statements: its INSERT,
    # and stock_allocate locking its products itself (already locked by the checkout: it never waits) so that
    # it is safe to call on its own.
    assert twenty - one == 19
    assert one == 15
