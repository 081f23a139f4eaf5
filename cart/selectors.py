from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection

from store.models import Product

from .models import Cart, CartItem


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


# What a line shows. Loading the other columns took half the query's time at 200 lines;
# a field missing here costs one query per line (cart/tests/test_budgets.py would fail).
_LINE_FIELDS = (
    "quantity",
    "unit_price",
    "product__name",
    "product__slug",
    "product__price",
    "product__stock",
    "product__is_active",
    "product__image",
)


def cart_lines(*, user: AbstractBaseUser) -> list[CartLine]:
    """Every line of the user's cart with its product, in one query whatever the size."""
    items = _user_items(user).select_related("product").only(*_LINE_FIELDS).order_by("created_at", "id")
    return [CartLine(item) for item in items]


def cart_has_line(*, user: AbstractBaseUser, item_id: int) -> bool:
    """Whether the line is in this user's cart: another shopper's line is not."""
    return _user_items(user).filter(pk=item_id).exists()


@cache
def _summary_sql() -> str:
    line, cart, product = (connection.ops.quote_name(model._meta.db_table) for model in (CartItem, Cart, Product))
    # What a line can really be bought at: its quantity, but no more than the stock.
    buyable = "CASE WHEN l.quantity < p.stock THEN l.quantity ELSE p.stock END"
    return f"""
        SELECT COUNT(*),
               SUM(CASE WHEN p.is_active THEN {buyable} END),
               SUM(CASE WHEN p.is_active THEN {buyable} * p.price END)
        FROM {line} l
        JOIN {cart} c ON c.id = l.cart_id
        JOIN {product} p ON p.id = l.product_id
        WHERE c.user_id = %s
    """


def cart_summary(*, user: AbstractBaseUser | AnonymousUser) -> CartSummary:
    """Line count, item count and total for the badge and totals, in one query.

    Inactive products and units beyond stock are not counted: they cannot be bought.
    Plain SQL because every page and every cart change shows these: building the
    same aggregate with the ORM cost several times what the database takes to run it.
    """
    if not user.is_authenticated:
        return EMPTY_SUMMARY
    with connection.cursor() as cursor:
        cursor.execute(_summary_sql(), [user.pk])
        line_count, item_count, total = cursor.fetchone()
    # SQLite sums decimals as floats: bring the total back to cents.
    return CartSummary(line_count=line_count, item_count=item_count or 0, total=Decimal(total or 0).quantize(CENT))
