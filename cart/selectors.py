import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.sessions.backends.base import SessionBase
from django.db import models
from django.db.models import Case, Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.crypto import constant_time_compare
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import get_translation_fields

from store.models import available_units

from .availability import line_availability
from .models import Cart, CartItem

MONEY: DecimalField = DecimalField(max_digits=12, decimal_places=2)

# What a line shows; the rest (description, timestamps) stays in the database. The product's name in every
# language (name_en, name_fa: store/translation.py), since it is read in the shopper's and falls back to English.
LINE_FIELDS = [
    "cart_id",
    "quantity",
    "unit_price",
    *(f"product__{field}" for field in get_translation_fields("name")),
    "product__slug",
    "product__price",
    "product__on_hand",
    "product__allocated",
    "product__is_active",
    "product__image",
]


@dataclass(frozen=True)
class CartSummary:
    item_count: int
    total: Decimal
    # Lines that stop a checkout (product no longer sold, or more than its stock): the Check out button says so.
    blocked_lines: int = 0
    # The cart's version these figures were read at (Cart.version; 0 before the first change): the page says it.
    version: int = 0


def cart_items(*, user: User) -> QuerySet[CartItem]:
    """The lines of the user's cart with their products, in the cart's order (LINE_ORDER), in one query."""
    return CartItem.objects.filter(cart__user=user).select_related("product").only(*LINE_FIELDS)


def cart_has_line(*, user: User, item_id: int) -> bool:
    """Whether the line is in this user's cart: another shopper's line is not."""
    return CartItem.objects.filter(cart__user=user, pk=item_id).exists()


def cart_summary(*, user: User | AnonymousUser) -> CartSummary:
    """Item count, total, lines that stop a checkout and the cart's version, for the badge and the totals, in one query.

    Counted by the rule every line follows (cart/availability.py): inactive products
    and units beyond stock cannot be bought. Plain values: the badge shows on every page, and
    two model instances per line cost several times the query. The version comes from the same
    snapshot as the figures, so a page never claims a version newer than what it shows.
    """
    if not user.is_authenticated:
        return CartSummary(item_count=0, total=Decimal("0.00"))
    # order_by(): a sum needs no order; the lines' Meta ordering cost 0.1–0.2 ms of every page (docs/PERFORMANCE.md).
    # The cart's row with each of its lines (one row of NULLs for an empty cart; none before the first add).
    rows = (
        Cart.objects.filter(user=user)
        .order_by()
        .values_list(
            "version",
            "items__quantity",
            available_units("items__product__"),
            "items__product__is_active",
            "items__product__price",
        )
    )
    item_count, total, blocked_lines, version = 0, Decimal("0.00"), 0, 0
    for cart_version, quantity, available, is_active, price in rows:
        version = cart_version
        if quantity is None:  # the empty cart's one row
            continue
        verdict = line_availability(quantity=quantity, available=available, is_active=is_active)
        item_count += verdict.buyable
        total += verdict.buyable * price
        blocked_lines += verdict.blocks_checkout
    return CartSummary(item_count=item_count, total=total, blocked_lines=blocked_lines, version=version)


def cart_version(*, shopper_id: int) -> int:
    """The version of the shopper's cart (0 before their first change)."""
    return Cart.objects.filter(user_id=shopper_id).values_list("version", flat=True).first() or 0


@dataclass(frozen=True)
class SessionCart:
    shopper_id: int
    version: int


def cart_version_of_session(*, session: SessionBase) -> SessionCart | None:
    """Who the session is logged in as and their cart's version, in one query; None if nobody is logged in.

    For the version check pages make each time they come back (cart.views.version), which must cost no more
    than the session's statement and this one. So the user is read together with the cart's version, and
    the session is checked as ``django.contrib.auth.get_user`` checks it: a configured backend, an active
    account, the hash of the password the session was opened with. What it does not do (flush a session
    that fails, rotate a key) is left to the next page the shopper opens.
    """
    user_id = session.get(SESSION_KEY)
    session_hash = session.get(HASH_SESSION_KEY)
    if user_id is None or not session_hash or session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        return None
    user_model = get_user_model()
    user = (
        user_model._default_manager.filter(pk=user_model._meta.pk.to_python(user_id), is_active=True)
        .select_related("cart")
        .only("password", "cart__version")
        .first()
    )
    if user is None:
        return None
    hashes = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    if not any(constant_time_compare(session_hash, known) for known in hashes):
        return None
    cart = getattr(user, "cart", None)
    return SessionCart(shopper_id=user.pk, version=cart.version if cart is not None else 0)


class CartState(models.TextChoices):
    """What the owner reads about a cart (the carts admin, the dashboard, the reminder)."""

    ACTIVE = "active", pgettext_lazy("cart state", "Active")
    ABANDONED = "abandoned", pgettext_lazy("cart state", "Abandoned")
    CONVERTED = "converted", pgettext_lazy("cart state", "Converted into an order")
    EMPTY = "empty", pgettext_lazy("cart state", "Empty")


def cart_abandoned_before(*, now: datetime.datetime) -> datetime.datetime:
    """A cart with lines unchanged since this moment is abandoned (SHOP_CART_ABANDONED_HOURS)."""
    return now - datetime.timedelta(hours=settings.SHOP_CART_ABANDONED_HOURS)


def cart_line_figures() -> dict[str, Coalesce]:
    """The cart row's line count and value worked out by the database from its lines, for an UPDATE of carts."""
    lines = CartItem.objects.filter(cart=OuterRef("pk")).order_by().values("cart")
    return {
        "line_count": Coalesce(Subquery(lines.annotate(count=Count("pk")).values("count")), 0),
        "value": Coalesce(
            Subquery(
                lines.filter(product__is_active=True)
                .annotate(value=Sum(F("quantity") * F("product__price"), output_field=MONEY))
                .values("value")
            ),
            Value(Decimal("0.00")),
            output_field=MONEY,
        ),
    }


def cart_state_condition(*, state: str, now: datetime.datetime) -> Q:
    """The carts in a state, as a condition on the cart row's columns (served by the last change's index)."""
    abandoned_before = cart_abandoned_before(now=now)
    return {
        CartState.ACTIVE: Q(line_count__gt=0, lines_changed_at__gte=abandoned_before),
        CartState.ABANDONED: Q(line_count__gt=0, lines_changed_at__lt=abandoned_before),
        CartState.CONVERTED: Q(line_count=0, converted_at__isnull=False),
        CartState.EMPTY: Q(line_count=0, converted_at__isnull=True),
    }[CartState(state)]


def cart_owner_list(*, now: datetime.datetime) -> QuerySet[Cart]:
    """Every cart with its shopper, lines, value, last change and state, as the owner reads them.

    Lines, value and last change are columns of the cart row, kept by every change (cart.services), so
    listing, filtering and sorting 100,000 carts reads one table.
    """
    return Cart.objects.select_related("user").annotate(
        state=Case(
            *(When(cart_state_condition(state=state, now=now), then=Value(state.value)) for state in CartState),
            output_field=models.CharField(),
        ),
    )
