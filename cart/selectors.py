from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, Count, DecimalField, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, Least

from .models import CartItem

# What a line shows; the rest (description, timestamps) stays in the database.
LINE_FIELDS = [
    "cart_id",
    "quantity",
    "unit_price",
    "product__name",
    "product__slug",
    "product__price",
    "product__stock",
    "product__is_active",
    "product__image",
]


CENT = Decimal("0.01")


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

    Inactive products and units beyond stock are not counted: they cannot be bought
    (``CartItem.buyable_quantity`` in SQL).
    """
    if not user.is_authenticated:
        return CartSummary(item_count=0, total=Decimal("0.00"))
    buyable = Case(
        When(product__is_active=True, then=Least("quantity", "product__stock")),
        default=Value(0),
        output_field=IntegerField(),
    )
    money = DecimalField(max_digits=12, decimal_places=2)
    totals = CartItem.objects.filter(cart__user=user).aggregate(
        item_count=Coalesce(Sum(buyable), 0),
        total=Coalesce(
            Sum(buyable * F("product__price"), output_field=money), Value(Decimal("0.00")), output_field=money
        ),
        blocked_lines=Count("id", filter=Q(product__is_active=False) | Q(quantity__gt=F("product__stock"))),
    )
    # SQLite computes decimals in floating point: back to the cent.
    return CartSummary(
        item_count=totals["item_count"], total=totals["total"].quantize(CENT), blocked_lines=totals["blocked_lines"]
    )
