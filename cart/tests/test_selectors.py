from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from cart.selectors import CartSummary, cart_has_line, cart_items, cart_summary
from tests.factories import CartItemFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_summary_counts_what_can_be_bought_to_the_cent():
    user = UserFactory()
    CartItemFactory(cart__user=user, quantity=3, product__price=Decimal("0.10"))
    CartItemFactory(cart__user=user, quantity=5, product__price=Decimal("1234.55"), product__stock=2)
    CartItemFactory(cart__user=user, quantity=4, product__is_active=False)

    summary = cart_summary(user=user)

    # 3 × 0.10 + 2 (the stock, not 5) × 1234.55; the inactive line counts nothing.
    # The line above its stock and the inactive one both stop a checkout.
    assert summary == CartSummary(item_count=5, total=Decimal("2469.40"), blocked_lines=2)
    assert str(summary.total) == "2469.40"


def test_summary_of_an_empty_cart_and_of_a_visitor():
    assert cart_summary(user=UserFactory()) == CartSummary(item_count=0, total=Decimal("0.00"))
    assert cart_summary(user=AnonymousUser()) == CartSummary(item_count=0, total=Decimal("0.00"))


def test_summary_is_one_query_however_many_lines(django_assert_num_queries):
    user = UserFactory()
    CartItemFactory.create_batch(3, cart__user=user, quantity=2, product__price=Decimal("1.50"))

    # It runs on every page (the badge). Its lines are left unsorted for speed, which `make bench` measures.
    with django_assert_num_queries(1):
        summary = cart_summary(user=user)

    assert (summary.item_count, summary.total) == (6, Decimal("9.00"))


def test_items_are_the_users_own_oldest_first_with_their_products():
    user = UserFactory()
    first = CartItemFactory(cart__user=user, product__name="Kettle")
    second = CartItemFactory(cart__user=user, product__name="Mug")
    CartItemFactory(product__name="Someone else's")

    items = list(cart_items(user=user))

    assert items == [first, second]
    assert [item.product.name for item in items] == ["Kettle", "Mug"]


def test_has_line_only_for_the_users_own_line():
    mine = CartItemFactory()
    theirs = CartItemFactory()

    assert cart_has_line(user=mine.cart.user, item_id=mine.pk)
    assert not cart_has_line(user=mine.cart.user, item_id=theirs.pk)


@pytest.mark.parametrize(
    ("stock", "is_active", "unit_price", "facts"),
    [
        (10, True, "8.00", {"code": "ok", "buyable": 4, "sellable": True, "blocks_checkout": False}),
        (2, True, "8.00", {"code": "reduced", "buyable": 2, "sellable": True, "blocks_checkout": True}),
        (0, True, "8.00", {"code": "out_of_stock", "buyable": 0, "sellable": False, "blocks_checkout": True}),
        (10, False, "8.00", {"code": "inactive", "buyable": 0, "sellable": False, "blocks_checkout": True}),
    ],
)
def test_what_a_line_tells_the_shopper(stock, is_active, unit_price, facts):
    product = ProductFactory(stock=stock, is_active=is_active, price=Decimal("8.00"))
    item = CartItemFactory(product=product, quantity=4, unit_price=Decimal(unit_price))

    (line,) = cart_items(user=item.cart.user)

    assert {name: getattr(line.availability, name) for name in facts} == facts


@pytest.mark.parametrize(
    ("unit_price", "facts"),
    [("8.00", {"price_changed": False, "subtotal": Decimal("32.00")}), ("7.00", {"price_changed": True})],
)
def test_a_line_says_when_the_price_changed(unit_price, facts):
    item = CartItemFactory(product__price=Decimal("8.00"), quantity=4, unit_price=Decimal(unit_price))

    (line,) = cart_items(user=item.cart.user)

    assert {name: getattr(line, name) for name in facts} == facts
