"""Every write to a cart, each inside ``atomic()`` behind the cart's row lock (``select_for_update``).

Every change locks the shopper's cart row first, then the lines it changes: one shopper's changes from
several tabs and devices run one after the other and none is lost, and as every writer takes the two kinds
of lock in the same order (an order placed too, orders.services), they cannot deadlock. Different shoppers
share no lock. Every change that alters the cart moves its ``version`` (``cart_mark_changed``); a refused
change or one that leaves the cart as it was does not.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from store.models import Product
from store.services import stock_lock

from .availability import REDUCED, at_most_message, capped_quantity, line_availability, most_for_a_line
from .events import events_enabled, publish_cart_version
from .models import Cart, CartItem
from .selectors import LINE_FIELDS, cart_line_figures

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CartError(ValidationError):
    """A change the shop refuses; its message is shown to the shopper."""


class ProductUnavailable(CartError):
    pass


class LineNotFound(Http404):
    """The line is not in this shopper's cart (another shopper's, or removed meanwhile): a 404 page or toast."""


@dataclass(frozen=True)
class CartChange:
    product: Product
    item: CartItem | None  # None when the change removed the line
    quantity: int  # quantity of the line afterwards, 0 if removed
    notice: str = ""  # set when the shop had to adjust what was asked for
    moved_version: bool = True  # False when the cart was left as it was (a quantity set to what the line holds)

    @property
    def removed(self) -> bool:
        return self.item is None


@dataclass(frozen=True)
class RemovedLine:
    """Enough of a removed line to put it back."""

    product: Product
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class CheckoutCart:
    """A cart being turned into an order: its row and its products locked, its lines by product."""

    cart: Cart | None
    items: list[CartItem]


def cart_lock_for_checkout(*, user: User) -> CheckoutCart:
    """Take a checkout's locks, always in this order: the shopper's cart row, then its products by primary key.

    The cart row first, as every cart change does, so a double submit or a click in another tab waits here;
    the products through ``store.services.stock_lock``, so checkouts sharing products queue instead of
    deadlocking. Call it inside ``transaction.atomic()``: the locks last until the transaction ends.
    """
    cart = Cart.objects.select_for_update().filter(user=user).first()
    # In the cart's order (its Meta ordering), which the order's lines keep; the products are locked by pk.
    items = list(CartItem.objects.filter(cart=cart)) if cart else []
    products = stock_lock(product_ids=[item.product_id for item in items])
    for item in items:
        item.product = products[item.product_id]
    return CheckoutCart(cart=cart, items=items)


def cart_empty_after_checkout(*, checkout: CheckoutCart) -> None:
    """The order took the lines: the cart is emptied under the lock ``cart_lock_for_checkout`` took."""
    if checkout.cart is None:  # no cart, no order: nothing to empty
        return
    CartItem.objects.filter(cart=checkout.cart).delete()
    cart_mark_ordered(cart=checkout.cart)


def _locked_cart(user: User) -> Cart:
    """The user's cart, created on first use, locked until the transaction ends."""
    cart, _ = Cart.objects.select_for_update().get_or_create(user=user)
    return cart


def cart_mark_changed(*, cart: Cart) -> None:
    """Move the version of a cart this transaction has locked: pages showing an older one fetch the cart again.

    Every change here calls it; so does another app's service that changes a cart (an order placed empties it).
    """
    cart.version += 1
    now = timezone.now()
    # The owner's figures of the cart (carts admin, dashboard) in the same statement.
    Cart.objects.filter(pk=cart.pk).update(
        version=cart.version, updated_at=now, lines_changed_at=now, **cart_line_figures()
    )
    _tell_other_devices(cart)


def _tell_other_devices(cart: Cart) -> None:
    """Once the change commits, the shopper's other devices hear of the new version (cart.events)."""
    transaction.on_commit(partial(publish_cart_version, shopper_id=cart.user_id, version=cart.version))


def cart_mark_ordered(*, cart: Cart) -> None:
    """An order took the lines of this locked cart: it is converted (the owner's carts admin) and its version moves."""
    cart.version += 1
    now = timezone.now()
    Cart.objects.filter(pk=cart.pk).update(
        version=cart.version, converted_at=now, updated_at=now, lines_changed_at=now, line_count=0, value=0
    )
    _tell_other_devices(cart)


def cart_versions_follow_products(*, product_ids: Iterable[int], lines_above: int | None = None) -> None:
    """The carts holding these products show something else now (a price, a name, what is left): move their versions.

    ``lines_above``: only carts whose line of them holds more than this (a change of stock shows only there).
    Called after the products' change committed, holding no product lock: a checkout locks its cart before
    its products, so waiting here for a cart while holding a product could deadlock.
    """
    lines = CartItem.objects.filter(product_id__in=list(product_ids))
    if lines_above is not None:
        lines = lines.filter(quantity__gt=lines_above)
    cart_versions_move(cart_ids=list(lines.values_list("cart_id", flat=True).distinct()))


def cart_versions_move(*, cart_ids: list[int]) -> None:
    """These carts show something else now, though their shoppers changed nothing (a product changed or went): move
    their versions, work the owner's figures out again and tell the shoppers' other devices. Call it after commit."""
    carts = Cart.objects.filter(pk__in=cart_ids)
    # A price, a product no longer sold or deleted changes the owner's figures too (cart_line_figures).
    carts.update(version=F("version") + 1, updated_at=timezone.now(), **cart_line_figures())
    if events_enabled():
        for shopper_id, version in carts.values_list("user_id", "version"):
            publish_cart_version(shopper_id=shopper_id, version=version)


def _limit_for(product: Product) -> int:
    return most_for_a_line(product.available)


def _capped(product: Product, wanted: int) -> tuple[int, str]:
    return capped_quantity(wanted=wanted, available=product.available)


def _at_limit_message(product: Product, quantity: int) -> str:
    return at_most_message(quantity=quantity, available=product.available)


def _check_buyable(product: Product | None, *, name: str = "") -> Product:
    """The product, if it can be bought at all; otherwise ProductUnavailable says why (None: it was deleted)."""
    verdict = line_availability(
        quantity=1,
        available=product.available if product else 0,
        is_active=product.is_active if product else False,
        name=product.name if product else name,
    )
    if product is None or not verdict.sellable:
        raise ProductUnavailable(verdict.problem, code=verdict.code)
    return product


def _write_quantity(*, item: CartItem, quantity: int, notice: str = "") -> CartChange:
    """Write the line's new quantity (0 deletes it) under its cart's lock, moving the cart's version if it changed."""
    if quantity <= 0:
        item.delete()
        cart_mark_changed(cart=item.cart)
        return CartChange(product=item.product, item=None, quantity=0, notice=notice)
    if quantity == item.quantity:
        return CartChange(product=item.product, item=item, quantity=quantity, notice=notice, moved_version=False)
    item.quantity = quantity
    item.save(update_fields=["quantity", "updated_at"])
    cart_mark_changed(cart=item.cart)
    return CartChange(product=item.product, item=item, quantity=quantity, notice=notice)


def _locked_item(user: User, item_id: int) -> CartItem:
    """The shopper's line with its product, locked with its cart until the transaction ends.

    The cart row first, as every change does: a concurrent change to the same cart waits, then reads
    the line as this one left it. The product is not locked: other shoppers may be buying it.
    """
    cart = Cart.objects.select_for_update().filter(user=user).first()
    item = (
        CartItem.objects.select_related("product")
        .only(*LINE_FIELDS)  # what the answer shows, not the product's descriptions and search vector
        .select_for_update(of=("self",))
        .filter(pk=item_id, cart=cart)
        .first()
        if cart is not None
        else None
    )
    if item is None or cart is None:
        raise LineNotFound(item_id)
    item.cart = cart  # the locked row, with the version read under the lock
    return item


@transaction.atomic
def cart_add_product(*, user: User, product: Product, quantity: int) -> CartChange:
    """Add ``quantity`` units, on top of what the cart already holds."""
    if quantity < 1:
        raise CartError(_("Choose a quantity of at least 1."), code="quantity")
    cart = _locked_cart(user)
    product = Product.objects.get(pk=product.pk)  # fresh stock and price, read under the lock
    _check_buyable(product)
    item = CartItem.objects.select_for_update().filter(cart=cart, product=product).first()
    if item is None:
        new_quantity, notice = _capped(product, quantity)
        item = CartItem.objects.create(cart=cart, product=product, quantity=new_quantity, unit_price=product.price)
        cart_mark_changed(cart=cart)
        return CartChange(product=product, item=item, quantity=new_quantity, notice=notice)
    if item.quantity >= _limit_for(product):
        raise CartError(_at_limit_message(product, item.quantity), code="limit")
    item.cart, item.product = cart, product
    new_quantity, notice = _capped(product, item.quantity + quantity)
    return _write_quantity(item=item, quantity=new_quantity, notice=notice)


@transaction.atomic
def cart_set_quantity(*, user: User, item_id: int, quantity: int) -> CartChange:
    """Set a line to ``quantity``; 0 removes it."""
    if quantity < 0:
        raise CartError(_("Quantity cannot be negative."), code="quantity")
    item = _locked_item(user, item_id)
    if quantity == 0:
        return _write_quantity(item=item, quantity=0)
    _check_buyable(item.product)
    new_quantity, notice = _capped(item.product, quantity)
    return _write_quantity(item=item, quantity=new_quantity, notice=notice)


@transaction.atomic
def cart_increase(*, user: User, item_id: int) -> CartChange:
    item = _locked_item(user, item_id)
    _check_buyable(item.product)
    if item.quantity >= _limit_for(item.product):
        if item.quantity > _limit_for(item.product):
            # Stock fell below the line since it was added: bring it down to what is left.
            new_quantity, notice = _capped(item.product, item.quantity)
            return _write_quantity(item=item, quantity=new_quantity, notice=notice)
        raise CartError(_at_limit_message(item.product, item.quantity), code="limit")
    return _write_quantity(item=item, quantity=item.quantity + 1)


@transaction.atomic
def cart_decrease(*, user: User, item_id: int) -> CartChange:
    """One fewer; at 1 the line is removed."""
    item = _locked_item(user, item_id)
    if item.availability.code == REDUCED:
        # Stock fell below the line: step down to what is left, not one by one.
        new_quantity, notice = _capped(item.product, item.quantity)
        return _write_quantity(item=item, quantity=new_quantity, notice=notice)
    return _write_quantity(item=item, quantity=item.quantity - 1)


@transaction.atomic
def cart_remove(*, user: User, item_id: int) -> RemovedLine:
    item = _locked_item(user, item_id)
    item.delete()
    cart_mark_changed(cart=item.cart)
    return RemovedLine(product=item.product, quantity=item.quantity, unit_price=item.unit_price)


@transaction.atomic
def cart_clear(*, user: User) -> list[RemovedLine]:
    """Empty the cart; returns what undo needs to put the lines back."""
    cart = _locked_cart(user)
    items = list(CartItem.objects.filter(cart=cart).select_related("product"))
    if items:
        CartItem.objects.filter(cart=cart).delete()
        cart_mark_changed(cart=cart)
    return [RemovedLine(product=item.product, quantity=item.quantity, unit_price=item.unit_price) for item in items]


@dataclass(frozen=True)
class Restored:
    changes: list[CartChange]  # one for each line put back
    refusals: list["StrOrPromise"] = field(default_factory=list)  # why the others could not be


@transaction.atomic
def cart_undo_remove(*, user: User, removed: list[RemovedLine]) -> Restored:
    """Put removed lines back, at their old prices, as far as stock allows.

    A product added again meanwhile keeps the larger quantity. Lines that can no longer be
    bought stay out; if none can come back, nothing changes and the first reason is raised.
    """
    cart = _locked_cart(user)
    products = Product.objects.in_bulk([line.product.pk for line in removed])
    restored = Restored(changes=[])
    for line in removed:
        product = products.get(line.product.pk)  # fresh stock and price, read under the lock
        try:
            product = _check_buyable(product, name=line.product.name)
        except CartError as error:
            restored.refusals.append(error.message)
            continue
        new_quantity, notice = _capped(product, line.quantity)
        item = CartItem.objects.select_for_update().filter(cart=cart, product=product).first()
        if item is None:
            item = CartItem.objects.create(
                cart=cart, product=product, quantity=new_quantity, unit_price=line.unit_price
            )
            cart_mark_changed(cart=cart)
            restored.changes.append(CartChange(product=product, item=item, quantity=new_quantity, notice=notice))
        else:
            item.cart, item.product = cart, product
            restored.changes.append(
                _write_quantity(item=item, quantity=max(item.quantity, new_quantity), notice=notice)
            )
    if not restored.changes:
        raise CartError(restored.refusals[0] if restored.refusals else _("There is nothing to undo."), code="undo")
    return restored


def cart_note_checkout_opened(*, user: User) -> None:
    """The shopper opened checkout: a step of the owner's funnel (the dashboard). The cart itself is unchanged,
    so its version stays."""
    Cart.objects.filter(user=user).update(checkout_opened_at=timezone.now())
