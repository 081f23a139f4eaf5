"""The stock book's only writer: every change to a product's on hand or allocated units is a StockMovement.

On hand is what is on the shelf; allocated is what orders placed and not yet shipped hold of it;
available (on hand − allocated) is what the shop sells. An order allocates its units when placed,
releases them when cancelled or expired, and consumes them (on hand and allocated both fall) when
shipped: until then the units are still on the shelf, so a recount counts them, as django-oscar does.

Locks: every function here locks the products it changes with ``stock_lock`` (primary-key order), then
changes each with a conditional update. A caller that also locks a cart takes the cart row first
(``cart.services.cart_lock_for_checkout``); an order status change locks the order row first. Nothing
locks a product and then a cart or an order, so these never deadlock.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from web.localization import isolate, localize_digits

from .low_stock import low_stock_note
from .models import Product, StockMovement, StockReason, available_units
from .signals import stock_changed


class StockError(ValidationError):
    """A stock change the shop refuses; its message is shown to the owner or the shopper."""


class OutOfStock(StockError):
    def __init__(self, message: str, *, product: Product) -> None:
        super().__init__(message, code="out_of_stock")
        self.product = product


class StockChanged(StockError):
    """A recount against a figure that is no longer the one on hand."""

    def __init__(self, message: str, *, on_hand: int) -> None:
        super().__init__(message, code="stock_changed")
        self.on_hand = on_hand


# What the owner may give as the reason of an adjustment; the other reasons are written by orders and recounts.
ADJUSTMENT_REASONS = [StockReason.RECEIPT, StockReason.CORRECTION]


@dataclass(frozen=True)
class StockChange:
    product: Product
    movement: StockMovement


def stock_lock(*, product_ids: Iterable[int]) -> dict[int, Product]:
    """Lock these products until the transaction ends, in primary-key order, and return them fresh by pk.

    Every lock on products goes through here: two transactions wanting the same products take them in the
    same order, so one waits for the other instead of deadlocking.
    """
    products = Product.objects.select_for_update().filter(pk__in=set(product_ids)).order_by("pk")
    return {product.pk: product for product in products}


def _movement(
    product: Product,
    *,
    on_hand_change: int,
    allocated_change: int,
    reason: str,
    order=None,
    staff: User | AnonymousUser | None = None,
    note: str = "",
) -> StockMovement:
    """Apply a change to a locked product and return its (unsaved) movement.

    The update is conditional as well, so even a caller that forgot the lock cannot take the product below
    zero available: the database's constraints are the last word.
    """
    updated = (
        Product.objects.filter(pk=product.pk)
        .alias(units_left=available_units())
        .filter(on_hand__gte=-on_hand_change, units_left__gte=allocated_change - on_hand_change)
        .update(on_hand=F("on_hand") + on_hand_change, allocated=F("allocated") + allocated_change)
    )
    if updated != 1:
        raise OutOfStock(_("%(product)s just sold out.") % {"product": isolate(product.name)}, product=product)
    available_before = product.available
    product.on_hand += on_hand_change
    product.allocated += allocated_change
    low_stock_note(product=product, available_before=available_before)
    return StockMovement(
        product=product,
        on_hand_change=on_hand_change,
        allocated_change=allocated_change,
        on_hand_after=product.on_hand,
        allocated_after=product.allocated,
        reason=reason,
        order=order,
        staff=staff if isinstance(staff, User) else None,
        note=note,
    )


def _for_order(*, order, quantities: Mapping[int, int], on_hand_sign: int, allocated_sign: int, reason: str) -> None:
    products = stock_lock(product_ids=quantities)
    movements, available_before = [], {}
    for product_id, quantity in sorted(quantities.items()):
        if product_id not in products or not quantity:
            continue
        available_before[product_id] = products[product_id].available
        movements.append(
            _movement(
                products[product_id],
                on_hand_change=on_hand_sign * quantity,
                allocated_change=allocated_sign * quantity,
                reason=reason,
                order=order,
            )
        )
    StockMovement.objects.bulk_create(movements)
    # An order placed or given back changes what is left for everyone else's carts (shipping changes nothing left).
    for product_id, before in available_before.items():
        if products[product_id].available != before:
            stock_changed.send(sender=Product, product=products[product_id], available_before=before)


@transaction.atomic
def stock_allocate(*, order, quantities: Mapping[int, int]) -> None:
    """Hold ``quantities`` (units by product pk) for a newly placed order; OutOfStock if any is not available."""
    _for_order(order=order, quantities=quantities, on_hand_sign=0, allocated_sign=1, reason=StockReason.ALLOCATION)


@transaction.atomic
def stock_release(*, order, quantities: Mapping[int, int], reason: str) -> None:
    """An order cancelled or expired before shipping gives back what it held (``reason``: cancellation, expiry)."""
    _for_order(order=order, quantities=quantities, on_hand_sign=0, allocated_sign=-1, reason=reason)


@transaction.atomic
def stock_consume(*, order, quantities: Mapping[int, int]) -> None:
    """A shipped order's units leave the shelf: on hand and allocated both fall."""
    _for_order(order=order, quantities=quantities, on_hand_sign=-1, allocated_sign=-1, reason=StockReason.SALE)


@transaction.atomic
def stock_adjust(
    *, product: Product, change: int, reason: str, staff: User | AnonymousUser | None = None, note: str = ""
) -> StockChange:
    """Add units received (+12) or take away broken or lost ones (−1), relative to whatever is on hand now.

    A change that would take on hand below what orders hold is refused with the figures.
    """
    if change == 0:
        raise StockError(_("Enter a change other than zero."), code="zero")
    if reason not in ADJUSTMENT_REASONS + [StockReason.OPENING]:
        raise StockError(_("Choose why the stock changes."), code="reason")
    product = stock_lock(product_ids=[product.pk])[product.pk]
    if product.on_hand + change < product.allocated:
        raise StockError(
            _(
                "%(product)s has %(on_hand)s on hand, %(allocated)s of them for orders not yet shipped: "
                "at most %(most)s can be taken away."
            )
            % {
                "product": isolate(product.name),
                "on_hand": localize_digits(product.on_hand),
                "allocated": localize_digits(product.allocated),
                "most": localize_digits(product.available),
            },
            code="below_allocated",
        )
    available_before = product.available
    movement = _movement(product, on_hand_change=change, allocated_change=0, reason=reason, staff=staff, note=note)
    movement.save()
    stock_changed.send(sender=Product, product=product, available_before=available_before)
    return StockChange(product=product, movement=movement)


@transaction.atomic
def stock_recount(
    *, product: Product, counted: int, expected: int, staff: User | AnonymousUser | None = None, note: str = ""
) -> StockChange:
    """Set on hand to what the owner counted, if on hand is still ``expected`` (the figure their page showed).

    If it changed since (a sale, a receipt), nothing is written and StockChanged gives the current figure:
    a count taken before those changes would undo them.
    """
    if counted < 0:
        raise StockError(_("A count cannot be negative."), code="negative")
    product = stock_lock(product_ids=[product.pk])[product.pk]
    if product.on_hand != expected:
        raise StockChanged(
            _(
                "%(product)s: on hand changed from %(expected)s to %(on_hand)s since the page was loaded. "
                "Nothing was recorded: count again against %(on_hand)s."
            )
            % {
                "product": isolate(product.name),
                "expected": localize_digits(expected),
                "on_hand": localize_digits(product.on_hand),
            },
            on_hand=product.on_hand,
        )
    if counted < product.allocated:
        raise StockError(
            _(
                "%(product)s: %(allocated)s are held by orders not yet shipped, more than the %(counted)s counted. "
                "Find the missing units or cancel orders first."
            )
            % {
                "product": isolate(product.name),
                "allocated": localize_digits(product.allocated),
                "counted": localize_digits(counted),
            },
            code="below_allocated",
        )
    # A count that confirms the figure is recorded too: who counted, and when.
    available_before = product.available
    movement = _movement(
        product,
        on_hand_change=counted - product.on_hand,
        allocated_change=0,
        reason=StockReason.RECOUNT,
        staff=staff,
        note=note,
    )
    movement.save()
    if movement.on_hand_change:
        stock_changed.send(sender=Product, product=product, available_before=available_before)
    return StockChange(product=product, movement=movement)


def stock_open(*, products: Iterable[Product]) -> None:
    """Open the books of products just inserted with their first stock (the demo and generated catalogs).

    Their on hand was written with the row; this writes the movement it stands for, in one insert.
    """
    StockMovement.objects.bulk_create(
        StockMovement(
            product=product,
            on_hand_change=product.on_hand,
            on_hand_after=product.on_hand,
            allocated_after=0,
            reason=StockReason.OPENING,
        )
        for product in products
        if product.on_hand
    )
