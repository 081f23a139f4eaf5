"""Races between requests of one shopper, on PostgreSQL where rows can be locked.

Each test releases its threads together with a barrier; every thread closes its
own database connection. SQLite serialises whole-database writes instead of
locking rows, so these tests only run on PostgreSQL (CI runs them there).
"""

import pytest
from django.db import connection

from cart import services
from cart.models import Cart, CartItem
from cart.services import LineNotFound
from tests.concurrency import run_together
from tests.factories import CartItemFactory, ProductFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs this there)"),
]

THREADS = 20


def test_concurrent_first_adds_make_one_line_with_every_unit():
    user = UserFactory()
    product = ProductFactory(stock=100)

    results = run_together(
        [lambda: services.cart_add_product(user=user, product=product, quantity=1) for _ in range(THREADS)]
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Cart.objects.filter(user=user).count() == 1
    assert list(CartItem.objects.filter(cart__user=user).values_list("quantity", flat=True)) == [THREADS]


def test_concurrent_increases_are_all_counted():
    item = CartItemFactory(quantity=1, product__stock=100)
    user = item.cart.user

    results = run_together([lambda: services.cart_increase(user=user, item_id=item.pk) for _ in range(THREADS)])

    assert [r for r in results if isinstance(r, Exception)] == []
    item.refresh_from_db()
    assert item.quantity == 1 + THREADS


def test_concurrent_first_requests_of_a_new_user_create_one_cart():
    user = UserFactory()
    products = ProductFactory.create_batch(THREADS, stock=5)

    results = run_together([lambda p=p: services.cart_add_product(user=user, product=p, quantity=1) for p in products])

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Cart.objects.filter(user=user).count() == 1
    assert CartItem.objects.filter(cart__user=user).count() == THREADS


def test_concurrent_increases_and_remove_end_consistent():
    item = CartItemFactory(quantity=1, product__stock=100)
    user = item.cart.user
    tasks = [lambda: services.cart_increase(user=user, item_id=item.pk) for _ in range(THREADS - 1)]
    tasks.insert(THREADS // 2, lambda: services.cart_remove(user=user, item_id=item.pk))

    results = run_together(tasks)

    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, LineNotFound)]
    assert unexpected == []
    assert not CartItem.objects.filter(pk=item.pk).exists()
    # Each increase that ran before the remove saw the one before it: quantities 2, 3, ... with no gap
    # or repeat (a lost update repeats one). Those after the remove found no line.
    increased_to = sorted(r.quantity for r in results if isinstance(r, services.CartChange))
    assert increased_to == list(range(2, 2 + len(increased_to)))
    assert len(increased_to) + sum(isinstance(r, LineNotFound) for r in results) == THREADS - 1


def test_concurrent_adds_never_exceed_the_stock():
    user = UserFactory()
    product = ProductFactory(stock=7)

    run_together([lambda: services.cart_add_product(user=user, product=product, quantity=1) for _ in range(THREADS)])

    assert CartItem.objects.get(cart__user=user).quantity == 7


def test_concurrent_adds_and_increases_of_one_line_neither_deadlock_nor_lose_units():
    item = CartItemFactory(quantity=1, product__stock=100)
    user, product = item.cart.user, item.product
    tasks = [
        (lambda: services.cart_add_product(user=user, product=product, quantity=1))
        if index % 2
        else (lambda: services.cart_increase(user=user, item_id=item.pk))
        for index in range(THREADS)
    ]

    results = run_together(tasks)

    assert [r for r in results if isinstance(r, Exception)] == []
    item.refresh_from_db()
    assert item.quantity == 1 + THREADS
