"""The owner's figures on the cart row (lines, value, last change) follow every change, in the change's own UPDATE."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cart import services
from cart.models import Cart
from orders.tests.helpers import place
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=3)


def figures(user) -> tuple[int, Decimal]:
    cart = Cart.objects.get(user=user)
    return cart.line_count, cart.value


def left_long_ago(user) -> None:
    Cart.objects.filter(user=user).update(lines_changed_at=LONG_AGO)


def changed_just_now(user) -> bool:
    return Cart.objects.get(user=user).lines_changed_at > LONG_AGO


@pytest.fixture
def shopper_with_lines():
    user = UserFactory()
    mug = services.cart_add_product(user=user, product=ProductFactory(price=Decimal("8.00")), quantity=2).item
    tea = services.cart_add_product(user=user, product=ProductFactory(price=Decimal("4.50")), quantity=1).item
    left_long_ago(user)
    return user, mug, tea


def test_adding_counts_the_line_and_its_value(shopper_with_lines):
    user, _mug, _tea = shopper_with_lines
    services.cart_add_product(user=user, product=ProductFactory(price=Decimal("1.25")), quantity=4)

    assert figures(user) == (3, Decimal("25.50"))
    assert changed_just_now(user)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda user, mug: services.cart_increase(user=user, item_id=mug.pk), (2, Decimal("28.50"))),
        (lambda user, mug: services.cart_decrease(user=user, item_id=mug.pk), (2, Decimal("12.50"))),
        (lambda user, mug: services.cart_set_quantity(user=user, item_id=mug.pk, quantity=5), (2, Decimal("44.50"))),
        (lambda user, mug: services.cart_remove(user=user, item_id=mug.pk), (1, Decimal("4.50"))),
        (lambda user, mug: services.cart_clear(user=user), (0, Decimal("0.00"))),
    ],
    ids=["increase", "decrease", "set", "remove", "clear"],
)
def test_every_change_moves_the_figures_and_the_last_change(shopper_with_lines, change, expected):
    user, mug, _tea = shopper_with_lines

    change(user, mug)

    assert figures(user) == expected
    assert changed_just_now(user)


def test_undo_puts_the_value_back(shopper_with_lines):
    user, mug, _tea = shopper_with_lines
    removed = services.cart_clear(user=user)

    services.cart_undo_remove(user=user, removed=removed)

    assert figures(user) == (2, Decimal("20.50"))


def test_a_new_price_changes_the_value_but_not_the_shoppers_last_change(
    shopper_with_lines, django_capture_on_commit_callbacks
):
    user, mug, _tea = shopper_with_lines

    with django_capture_on_commit_callbacks(execute=True):
        mug.product.price = Decimal("10.00")
        mug.product.save()

    assert figures(user) == (2, Decimal("24.50"))
    assert not changed_just_now(user)


def test_an_order_empties_the_figures_and_marks_the_cart_converted(shopper_with_lines):
    user, _mug, _tea = shopper_with_lines

    place(user)

    cart = Cart.objects.get(user=user)
    assert (cart.line_count, cart.value) == (0, Decimal("0.00"))
    assert cart.converted_at is not None
    assert changed_just_now(user)
