"""Every write to a cart, each inside ``atomic()`` behind a row lock (``select_for_update``).

Adding a product, undoing a removal and emptying the cart lock the shopper's cart row first,
so no second line for a product can appear while the first is being written; +, −, a new
quantity and remove lock only the line they change. Every write to a line holds that line's
lock, so concurrent clicks run one after the other and none is lost. A line change never
waits for the cart row, so the two kinds of lock cannot deadlock.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from store.models import Product
from web.localization import isolate, localize_digits

from .models import Cart, CartItem
from .selectors import LINE_FIELDS


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

    @property
    def removed(self) -> bool:
        return self.item is None


@dataclass(frozen=True)
class RemovedLine:
    """Enough of a removed line to put it back."""

    product: Product
    quantity: int
    unit_price: Decimal


def _locked_cart(user: AbstractBaseUser) -> Cart:
    """The user's cart, created on first use, locked until the transaction ends."""
    cart, _ = Cart.objects.select_for_update().get_or_create(user=user)
    return cart


def _limit_for(product: Product) -> int:
    return min(product.stock, settings.CART_MAX_LINE_QUANTITY)


def _capped(product: Product, wanted: int) -> tuple[int, str]:
    """The quantity the shop can honour, and what to tell the shopper if it is less."""
    if wanted <= product.stock and wanted <= settings.CART_MAX_LINE_QUANTITY:
        return wanted, ""
    if product.stock <= settings.CART_MAX_LINE_QUANTITY:
        left = localize_digits(product.stock)
        return product.stock, _("Only %(left)s left — quantity set to %(left)s.") % {"left": left}
    limit = settings.CART_MAX_LINE_QUANTITY
    return limit, _("You can buy at most %(limit)s of one product — quantity set to %(limit)s.") % {
        "limit": localize_digits(limit)
    }


def _at_limit_message(product: Product, quantity: int) -> str:
    if quantity >= settings.CART_MAX_LINE_QUANTITY:
        return _("You already have the most we sell of one product (%(quantity)s).") % {
            "quantity": localize_digits(quantity)
        }
    return _("Only %(left)s left — you already have %(quantity)s in your cart.") % {
        "left": localize_digits(product.stock),
        "quantity": localize_digits(quantity),
    }


def _check_buyable(product: Product) -> None:
    if not product.is_active:
        raise ProductUnavailable(
            _("%(product)s is no longer sold.") % {"product": isolate(product.name)}, code="inactive"
        )
    if product.stock <= 0:
        raise ProductUnavailable(
            _("%(product)s is out of stock.") % {"product": isolate(product.name)}, code="out_of_stock"
        )


def _write_quantity(*, item: CartItem, quantity: int, notice: str = "") -> CartChange:
    if quantity <= 0:
        item.delete()
        return CartChange(product=item.product, item=None, quantity=0, notice=notice)
    if quantity != item.quantity:
        item.quantity = quantity
        item.save(update_fields=["quantity", "updated_at"])
    return CartChange(product=item.product, item=item, quantity=quantity, notice=notice)


def _locked_item(user: AbstractBaseUser, item_id: int) -> CartItem:
    """The shopper's line with its product, locked until the transaction ends.

    A concurrent change to the same line waits, then reads the line as this one left it.
    Only the line is locked, not the product: other shoppers may be buying it.
    """
    try:
        return (
            CartItem.objects.select_related("product")
            .only(*LINE_FIELDS)  # what the answer shows, not the product's descriptions and search vector
            .select_for_update(of=("self",))
            .get(pk=item_id, cart__user=user)
        )
    except CartItem.DoesNotExist:
        raise LineNotFound(item_id) from None


@transaction.atomic
def cart_add_product(*, user: AbstractBaseUser, product: Product, quantity: int) -> CartChange:
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
        return CartChange(product=product, item=item, quantity=new_quantity, notice=notice)
    if item.quantity >= _limit_for(product):
        raise CartError(_at_limit_message(product, item.quantity), code="limit")
    item.product = product
    new_quantity, notice = _capped(product, item.quantity + quantity)
    return _write_quantity(item=item, quantity=new_quantity, notice=notice)


@transaction.atomic
def cart_set_quantity(*, user: AbstractBaseUser, item_id: int, quantity: int) -> CartChange:
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
def cart_increase(*, user: AbstractBaseUser, item_id: int) -> CartChange:
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
def cart_decrease(*, user: AbstractBaseUser, item_id: int) -> CartChange:
    """One fewer; at 1 the line is removed."""
    item = _locked_item(user, item_id)
    if item.quantity > item.product.stock > 0:
        # Stock fell below the line: step down to what is left, not one by one.
        new_quantity, notice = _capped(item.product, item.quantity)
        return _write_quantity(item=item, quantity=new_quantity, notice=notice)
    return _write_quantity(item=item, quantity=item.quantity - 1)


@transaction.atomic
def cart_remove(*, user: AbstractBaseUser, item_id: int) -> RemovedLine:
    item = _locked_item(user, item_id)
    item.delete()
    return RemovedLine(product=item.product, quantity=item.quantity, unit_price=item.unit_price)


@transaction.atomic
def cart_clear(*, user: AbstractBaseUser) -> list[RemovedLine]:
    """Empty the cart; returns what undo needs to put the lines back."""
    cart = _locked_cart(user)
    items = list(CartItem.objects.filter(cart=cart).select_related("product"))
    CartItem.objects.filter(cart=cart).delete()
    return [RemovedLine(product=item.product, quantity=item.quantity, unit_price=item.unit_price) for item in items]


@dataclass(frozen=True)
class Restored:
    changes: list[CartChange]  # one for each line put back
    refusals: list[str] = field(default_factory=list)  # why the others could not be


@transaction.atomic
def cart_undo_remove(*, user: AbstractBaseUser, removed: list[RemovedLine]) -> Restored:
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
            if product is None:
                raise ProductUnavailable(
                    _("%(product)s is no longer sold.") % {"product": isolate(line.product.name)}, code="inactive"
                )
            _check_buyable(product)
        except CartError as error:
            restored.refusals.append(error.message)
            continue
        new_quantity, notice = _capped(product, line.quantity)
        item = CartItem.objects.select_for_update().filter(cart=cart, product=product).first()
        if item is None:
            item = CartItem.objects.create(
                cart=cart, product=product, quantity=new_quantity, unit_price=line.unit_price
            )
            restored.changes.append(CartChange(product=product, item=item, quantity=new_quantity, notice=notice))
        else:
            item.product = product
            restored.changes.append(
                _write_quantity(item=item, quantity=max(item.quantity, new_quantity), notice=notice)
            )
    if not restored.changes:
        raise CartError(restored.refusals[0] if restored.refusals else _("There is nothing to undo."), code="undo")
    return restored
