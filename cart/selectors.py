from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from modeltranslation.utils import get_translation_fields

from .models import CartItem, buyable_quantity

# What a line shows; the rest (description, timestamps) stays in the database. The product's name in every
# language (name_en, name_fa: store/translation.py), since it is read in the shopper's and falls back to English.
LINE_FIELDS = [
    "cart_id",
    "quantity",
    "unit_price",
    *(f"product__{field}" for field in get_translation_fields("name")),
    "product__slug",
    "product__price",
    "product__stock",
    "product__is_active",
    "product__image",
]


@dataclass(frozen=True)
class CartSummary:
    item_count: int
    total: Decimal
    # Lines that stop a checkout (product no longer sold, or more than its stock): the Check out button says so.
    blocked_lines: int = 0


def cart_items(*, user: AbstractBaseUser) -> QuerySet[CartItem]:
    """The lines of the user's cart with their products, oldest first: one query whatever the size."""
    return (
        CartItem.objects.filter(cart__user=user)
        .select_related("product")
        .only(*LINE_FIELDS)
        .order_by("created_at", "id")
    )


def cart_has_line(*, user: AbstractBaseUser, item_id: int) -> bool:
    """Whether the line is in this user's cart: another shopper's line is not."""
    return CartItem.objects.filter(cart__user=user, pk=item_id).exists()


def cart_summary(*, user: AbstractBaseUser | AnonymousUser) -> CartSummary:
    """Item count, total and lines that stop a checkout, for the badge and the totals, in one query.

    Counted by the rule a line's subtotal follows (``buyable_quantity``): inactive products
    and units beyond stock cannot be bought. Plain values: the badge shows on every page, and
    two model instances per line cost several times the query.
    """
    if not user.is_authenticated:
        return CartSummary(item_count=0, total=Decimal("0.00"))
    # order_by(): a sum needs no order; the lines' Meta ordering cost 0.1–0.2 ms of every page (docs/PERFORMANCE.md).
    lines = (
        CartItem.objects.filter(cart__user=user)
        .order_by()
        .values_list("quantity", "product__stock", "product__is_active", "product__price")
    )
    item_count, total, blocked_lines = 0, Decimal("0.00"), 0
    for quantity, stock, is_active, price in lines:
        buyable = buyable_quantity(quantity=quantity, stock=stock, is_active=is_active)
        item_count += buyable
        total += buyable * price
        # A line a checkout cannot take as it is: no longer sold, or more than the stock left.
        blocked_lines += not is_active or quantity > stock
    return CartSummary(item_count=item_count, total=total, blocked_lines=blocked_lines)
