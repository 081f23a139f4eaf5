"""Migrating from the single stock number keeps every product's available quantity."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from store.models import Product, StockMovement

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("store", "0006_search_vocabulary"), ("orders", "0004_shipping_methods_in_english_and_persian")]


def test_stock_becomes_on_hand_and_allocated_with_the_same_available_quantity():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="ada")
    tea = old.get_model("store", "Category").objects.create(name_en="Tea", slug="tea")
    OldProduct = old.get_model("store", "Product")
    # The old stock was already net of what orders took: 3 left after the orders below.
    sencha = OldProduct.objects.create(category=tea, name_en="Sencha", slug="sencha", price="11.00", stock=3)
    sold_out = OldProduct.objects.create(category=tea, name_en="Gyokuro", slug="gyokuro", price="20.00", stock=0)
    Order, OrderLine = old.get_model("orders", "Order"), old.get_model("orders", "OrderLine")
    for reference, status, product, quantity in [
        ("UNPAID22", "awaiting_payment", sencha, 2),  # still holds its 2, on the shelf
        ("PAID3333", "paid", sold_out, 1),  # paid, not shipped: still on the shelf
        ("SHIPPED4", "shipped", sencha, 4),  # gone
        ("CANCEL55", "cancelled", sencha, 1),  # gave its unit back
    ]:
        order = Order.objects.create(
            reference=reference,
            user=user,
            checkout_token=uuid.uuid4(),
            status=status,
            email="ada@example.com",
            full_name="Ada",
            street="1 Row",
            city="Town",
            postal_code="1",
            country="US",
            shipping_method="Standard",
            shipping_cost="0.00",
            subtotal="10.00",
            total="10.00",
            vat_rate="0.2000",
            vat_amount="1.67",
        )
        OrderLine.objects.create(
            order=order,
            product=product,
            product_name="x",
            product_reference="x",
            unit_price="5.00",
            quantity=quantity,
            line_total=f"{5 * quantity}.00",
            vat_amount="0.00",
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    figures = {p.slug: (p.on_hand, p.allocated, p.available) for p in Product.objects.all()}
    assert figures == {"sencha": (5, 2, 3), "gyokuro": (1, 1, 0)}
    opening = StockMovement.objects.order_by("product__slug").values_list(
        "product__slug", "reason", "on_hand_change", "allocated_change"
    )
    assert list(opening) == [("gyokuro", "opening", 1, 1), ("sencha", "opening", 5, 2)]
