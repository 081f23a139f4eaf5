from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce, Least

from .models import CartItem

# What a line can really be bought at: its quantity, but no more than the stock.
_BUYABLE_QUANTITY = Least(F("quantity"), F("product__stock"))
_ACTIVE = Q(product__is_active=True)


@dataclass(frozen=True)
class CartSummary:
    line_count: int
    item_count: int
    total: Decimal

    @property
    def is_empty(self) -> bool:
        return self.line_count == 0


CENT = Decimal("0.01")
EMPTY_SUMMARY = CartSummary(line_count=0, item_count=0, total=Decimal("0.00"))


@dataclass(frozen=True)
class CartLine:
    """A cart item as the shopper sees it, with what changed since it was added."""

    item: CartItem

    @property
    def product(self):
        return self.item.product

    @property
    def is_available(self) -> bool:
        return self.product.is_active and self.product.stock > 0

    @property
    def buyable_quantity(self) -> int:
        return min(self.item.quantity, self.product.stock) if self.product.is_active else 0

    @property
    def quantity_reduced(self) -> bool:
        return self.is_available and self.item.quantity > self.product.stock

    @property
    def price_changed(self) -> bool:
        return self.item.unit_price != self.product.price

    @property
    def subtotal(self) -> Decimal:
        return self.product.price * self.buyable_quantity


def _user_items(user: AbstractBaseUser):
    return CartItem.objects.filter(cart__user=user)


def cart_lines(*, user: AbstractBaseUser) -> list[CartLine]:
    """Every line of the user's cart with its product, in one query whatever the size."""
    items = _user_items(user).select_related("product").order_by("created_at", "id")
    return [CartLine(item) for item in items]


def cart_line_get(*, user: AbstractBaseUser, item_id: int) -> CartLine | None:
    """One line, only if it is in this user's cart: another shopper's line is not found."""
    item = _user_items(user).select_related("product").filter(pk=item_id).first()
    return CartLine(item) if item else None


def cart_summary(*, user: AbstractBaseUser | AnonymousUser) -> CartSummary:
    """Line count, item count and total for the badge and totals, in one query.

    Inactive products and units beyond stock are not counted: they cannot be bought.
    """
    if not user.is_authenticated:
        return EMPTY_SUMMARY
    money = DecimalField(max_digits=12, decimal_places=2)
    totals = _user_items(user).aggregate(
        line_count=Count("id"),
        item_count=Coalesce(Sum(_BUYABLE_QUANTITY, filter=_ACTIVE), 0),
        total=Coalesce(
            Sum(ExpressionWrapper(_BUYABLE_QUANTITY * F("product__price"), output_field=money), filter=_ACTIVE),
            Value(Decimal("0.00")),
            output_field=money,
        ),
    )
    # SQLite sums decimals as floats: bring the total back to cents.
    totals["total"] = Decimal(totals["total"]).quantize(CENT)
    return CartSummary(**totals)
