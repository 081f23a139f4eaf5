"""The stock book: on hand, allocated, available, and a movement for every change."""

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from store.models import Product, StockMovement, StockReason
from store.services import (
    OutOfStock,
    StockChanged,
    StockError,
    stock_adjust,
    stock_allocate,
    stock_consume,
    stock_recount,
    stock_release,
)
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def figures(product: Product) -> tuple[int, int, int]:
    product.refresh_from_db()
    return product.on_hand, product.allocated, product.available


def book(product: Product) -> list[tuple[str, int, int]]:
    return list(
        StockMovement.objects.filter(product=product)
        .order_by("id")
        .values_list("reason", "on_hand_change", "allocated_change")
    )


def test_an_order_holds_units_until_shipped_and_shipping_takes_them_off_the_shelf():
    mug = ProductFactory(stock=5)

    stock_allocate(order=None, quantities={mug.pk: 2})
    assert figures(mug) == (5, 2, 3)

    stock_consume(order=None, quantities={mug.pk: 2})
    assert figures(mug) == (3, 0, 3)
    assert book(mug) == [("opening", 5, 0), ("allocation", 0, 2), ("sale", -2, -2)]


@pytest.mark.parametrize("reason", [StockReason.CANCELLATION, StockReason.EXPIRY])
def test_a_cancelled_or_expired_order_gives_its_units_back(reason):
    mug = ProductFactory(stock=5)
    stock_allocate(order=None, quantities={mug.pk: 2})

    stock_release(order=None, quantities={mug.pk: 2}, reason=reason)

    assert figures(mug) == (5, 0, 5)
    assert book(mug)[-1] == (reason, 0, -2)


def test_allocating_more_than_is_available_changes_nothing():
    mug, bowl = ProductFactory(name="Mug", stock=5), ProductFactory(name="Bowl", stock=1)

    with pytest.raises(OutOfStock, match="Bowl just sold out.") as raised:
        stock_allocate(order=None, quantities={mug.pk: 2, bowl.pk: 2})

    assert raised.value.product == bowl
    assert figures(mug) == (5, 0, 5)
    assert figures(bowl) == (1, 0, 1)
    assert StockMovement.objects.filter(reason=StockReason.ALLOCATION).count() == 0


def test_owner_adjusts_relative_to_what_is_on_hand_now_and_is_named_in_the_book():
    owner = UserFactory(is_staff=True)
    mug = ProductFactory(stock=5)
    stock_allocate(order=None, quantities={mug.pk: 2})

    stock_adjust(product=mug, change=12, reason=StockReason.RECEIPT, staff=owner, note="Delivery 42")
    stock_adjust(product=mug, change=-1, reason=StockReason.CORRECTION, staff=owner, note="Broken")

    assert figures(mug) == (16, 2, 14)
    latest = StockMovement.objects.filter(product=mug).order_by("-id")[:2]
    assert [(m.reason, m.on_hand_change, m.on_hand_after, m.staff, m.note) for m in latest] == [
        ("correction", -1, 16, owner, "Broken"),
        ("receipt", 12, 17, owner, "Delivery 42"),
    ]


def test_an_adjustment_cannot_take_away_units_orders_hold():
    mug = ProductFactory(name="Mug", stock=5)
    stock_allocate(order=None, quantities={mug.pk: 2})

    with pytest.raises(StockError, match="Mug has 5 on hand, 2 of them for orders not yet shipped: at most 3 can"):
        stock_adjust(product=mug, change=-4, reason=StockReason.CORRECTION)

    assert figures(mug) == (5, 2, 3)


def test_a_recount_sets_on_hand_and_records_the_difference():
    owner = UserFactory(is_staff=True)
    mug = ProductFactory(stock=5)

    stock_recount(product=mug, counted=7, expected=5, staff=owner)
    stock_recount(product=mug, counted=7, expected=7, staff=owner)  # a count that confirms is recorded too

    assert figures(mug) == (7, 0, 7)
    assert book(mug)[-2:] == [("recount", 2, 0), ("recount", 0, 0)]


def test_a_recount_against_a_figure_that_changed_is_refused_with_the_current_one():
    mug = ProductFactory(name="Mug", stock=5)
    stock_adjust(product=mug, change=3, reason=StockReason.RECEIPT)  # a delivery booked after the page loaded

    with pytest.raises(StockChanged, match="Mug: on hand changed from 5 to 8 since the page was loaded") as raised:
        stock_recount(product=mug, counted=7, expected=5)

    assert raised.value.on_hand == 8
    assert figures(mug) == (8, 0, 8)
    assert StockMovement.objects.filter(product=mug, reason=StockReason.RECOUNT).count() == 0


def test_a_recount_below_what_orders_hold_is_refused():
    mug = ProductFactory(name="Mug", stock=5)
    stock_allocate(order=None, quantities={mug.pk: 4})

    with pytest.raises(StockError, match="Mug: 4 are held by orders not yet shipped, more than the 3 counted"):
        stock_recount(product=mug, counted=3, expected=5)

    assert figures(mug) == (5, 4, 1)


def test_a_recount_during_an_unpaid_order_then_its_expiry_counts_the_units_once():
    mug = ProductFactory(stock=10)
    stock_allocate(order=None, quantities={mug.pk: 3})  # unpaid: the 3 are still on the shelf
    stock_recount(product=mug, counted=10, expected=10)  # the owner counts all 10

    stock_release(order=None, quantities={mug.pk: 3}, reason=StockReason.EXPIRY)

    # One number would have said 13: the recount's 10 plus the 3 given back.
    assert figures(mug) == (10, 0, 10)


@pytest.mark.parametrize(
    "change",
    [
        lambda mug: stock_adjust(product=mug, change=0, reason=StockReason.CORRECTION),
        lambda mug: stock_recount(product=mug, counted=-1, expected=5),
    ],
    ids=["adjust by zero", "negative count"],
)
def test_nothing_to_change_is_refused(change):
    mug = ProductFactory(stock=5)

    with pytest.raises(StockError):
        change(mug)

    assert book(mug) == [("opening", 5, 0)]


# What can happen to a product's stock, in any order: each step is tried and may be refused.
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("allocate"), st.integers(1, 6)),
        st.tuples(st.just("release"), st.integers(1, 6)),
        st.tuples(st.just("consume"), st.integers(1, 6)),
        st.tuples(st.just("adjust"), st.integers(-8, 8)),
        st.tuples(st.just("recount"), st.integers(0, 15)),
    ),
    max_size=25,
)


class TestTheBookAlwaysAddsUp(TestCase):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(opening=st.integers(0, 10), steps=STEPS)
    def test_on_hand_and_allocated_are_the_sums_of_their_movements(self, opening, steps):
        product = ProductFactory(stock=opening)
        held = 0  # what "orders" hold, so releases and shipments only give back what was allocated
        for action, number in steps:
            try:
                if action == "allocate":
                    stock_allocate(order=None, quantities={product.pk: number})
                    held += number
                elif action in ("release", "consume") and held:
                    units = min(number, held)
                    if action == "release":
                        stock_release(order=None, quantities={product.pk: units}, reason=StockReason.CANCELLATION)
                    else:
                        stock_consume(order=None, quantities={product.pk: units})
                    held -= units
                elif action == "adjust":
                    stock_adjust(product=product, change=number, reason=StockReason.CORRECTION)
                elif action == "recount":
                    product.refresh_from_db()
                    stock_recount(product=product, counted=number, expected=product.on_hand)
            except StockError:
                pass
            product.refresh_from_db()
            sums = StockMovement.objects.filter(product=product).aggregate(
                on_hand=Sum("on_hand_change", default=0), allocated=Sum("allocated_change", default=0)
            )
            assert (product.on_hand, product.allocated) == (sums["on_hand"], sums["allocated"])
            assert product.allocated == held
            assert 0 <= product.available <= product.on_hand
            last = StockMovement.objects.filter(product=product).order_by("-id").first()
            if last is not None:
                assert (last.on_hand_after, last.allocated_after) == (product.on_hand, product.allocated)
