"""The dashboard's figures, read from orders, payments, carts and reminders: today, the last 7 and 30 days.

Every figure of a period counts what happened from its start until now. The funnel counts shoppers who
reached each step or a later one in the period, so every step holds the one after it:
carts with lines (changed in the period) → checkout opened → payment attempted → paid.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from payments import PaymentStatus

from cart.models import Cart
from cart.selectors import CartState, cart_state_condition
from orders.models import Order, OrderLine, OrderStatus, Payment
from reminders.models import CartReminder
from store.models import Product

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Orders whose payment came in: what revenue counts.
PAID_STATUSES = [OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED]
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Period:
    key: str
    label: "StrOrPromise"
    days: int  # 0: since midnight today

    def start(self, now: datetime.datetime) -> datetime.datetime:
        if self.days == 0:
            return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return now - datetime.timedelta(days=self.days)


PERIODS = [
    Period("today", _("Today"), 0),
    Period("7d", _("Last 7 days"), 7),
    Period("30d", _("Last 30 days"), 30),
]


@dataclass(frozen=True)
class Sales:
    orders: int
    revenue: Decimal
    abandoned_carts: int
    abandoned_value: Decimal
    recovered_orders: int
    recovered_revenue: Decimal

    @property
    def average_order_value(self) -> Decimal | None:
        return (self.revenue / self.orders).quantize(Decimal("0.01")) if self.orders else None


@dataclass(frozen=True)
class FunnelStep:
    label: "StrOrPromise"
    shoppers: int
    # Of the previous step's shoppers, the share that reached this one; None for the first step or after none.
    conversion: Decimal | None


def paid_orders(*, since: datetime.datetime) -> QuerySet[Order]:
    return Order.objects.filter(created_at__gte=since, status__in=PAID_STATUSES)


def recovered_orders(*, since: datetime.datetime, now: datetime.datetime) -> list[Order]:
    """Paid orders placed in the period that a reminder recovered: each the shopper's first paid order within
    SHOP_REMINDER_RECOVERY_DAYS after a reminder sent to them. An order is counted once, however many reminders
    came before it."""
    window = datetime.timedelta(days=settings.SHOP_REMINDER_RECOVERY_DAYS)
    # sent_at is never null here: the filter asks for a range.
    reminders = CartReminder.objects.filter(sent_at__gte=since - window, sent_at__lte=now).values_list(
        "user_id", "sent_at"
    )
    sent_by_user: dict[int, list[datetime.datetime]] = {}
    for user_id, sent_at in reminders:
        assert sent_at is not None
        sent_by_user.setdefault(user_id, []).append(sent_at)
    if not sent_by_user:
        return []
    orders_by_user: dict[int, list[Order]] = {}
    candidates = Order.objects.filter(
        user_id__in=sent_by_user, status__in=PAID_STATUSES, created_at__gte=since - window
    ).order_by("created_at", "id")
    for order in candidates:
        orders_by_user.setdefault(order.user_id, []).append(order)
    recovered: dict[int, Order] = {}
    for user_id, sent_times in sent_by_user.items():
        for sent_at in sent_times:
            first = next(
                (o for o in orders_by_user.get(user_id, []) if sent_at < o.created_at <= sent_at + window), None
            )
            if first is not None and first.created_at >= since:
                recovered[first.pk] = first
    return sorted(recovered.values(), key=lambda order: (order.created_at, order.pk))


def sales(*, since: datetime.datetime, now: datetime.datetime) -> Sales:
    paid = paid_orders(since=since).aggregate(orders=Count("pk"), revenue=Sum("total"))
    abandoned = (
        Cart.objects.filter(cart_state_condition(state=CartState.ABANDONED, now=now), lines_changed_at__gte=since)
        .order_by()
        .aggregate(carts=Count("pk"), value=Sum("value"))
    )
    recovered = recovered_orders(since=since, now=now)
    return Sales(
        orders=paid["orders"],
        revenue=paid["revenue"] or ZERO,
        abandoned_carts=abandoned["carts"],
        abandoned_value=abandoned["value"] or ZERO,
        recovered_orders=len(recovered),
        recovered_revenue=sum((order.total for order in recovered), ZERO),
    )


def _shoppers(queryset: QuerySet, field: str = "user_id") -> QuerySet:
    return queryset.order_by().values_list(field)


def _count_shoppers(*steps: QuerySet) -> int:
    """How many distinct shoppers the queries name together: one UNION, counted by the database."""
    first, *rest = steps
    return first.union(*rest).count() if rest else first.distinct().count()


def funnel(*, since: datetime.datetime) -> list[FunnelStep]:
    paid = [_shoppers(paid_orders(since=since))]
    # A payment attempted: the shopper went through the provider's form, whatever its outcome.
    attempts = Payment.objects.filter(modified__gte=since).exclude(status=PaymentStatus.WAITING)
    payment = [*paid, _shoppers(attempts, "order__user_id")]
    # Placing an order needs the checkout page: an order placed counts even if the page was opened before.
    checkout = [
        *payment,
        _shoppers(Cart.objects.filter(checkout_opened_at__gte=since)),
        _shoppers(Order.objects.filter(created_at__gte=since)),
    ]
    carts = [*checkout, _shoppers(Cart.objects.filter(lines_changed_at__gte=since, line_count__gt=0))]
    counts = [
        (pgettext_lazy("funnel", "Carts with lines"), _count_shoppers(*carts)),
        (pgettext_lazy("funnel", "Checkout opened"), _count_shoppers(*checkout)),
        (pgettext_lazy("funnel", "Payment attempted"), _count_shoppers(*payment)),
        (pgettext_lazy("funnel", "Paid"), _count_shoppers(*paid)),
    ]
    steps = []
    previous = None
    for label, shoppers in counts:
        conversion: Decimal | None = (
            None if not previous else (Decimal(shoppers) / previous).quantize(Decimal("0.0001"))
        )
        steps.append(FunnelStep(label=label, shoppers=shoppers, conversion=conversion))
        previous = shoppers
    return steps


@dataclass(frozen=True)
class Day:
    date: datetime.date
    orders: int
    revenue: Decimal


def daily_revenue(*, days: int, now: datetime.datetime) -> list[Day]:
    """Paid orders and revenue per day (the shop's time zone) for the last ``days`` days, today included."""
    today = timezone.localdate(now)
    first = today - datetime.timedelta(days=days - 1)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    rows = (
        paid_orders(since=start)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("day")
        .annotate(orders=Count("pk"), revenue=Sum("total"))
    )
    by_day = {row["day"]: row for row in rows}
    return [
        Day(
            date=day,
            orders=by_day.get(day, {}).get("orders", 0),
            revenue=by_day.get(day, {}).get("revenue") or ZERO,
        )
        for day in (first + datetime.timedelta(days=offset) for offset in range(days))
    ]


@dataclass(frozen=True)
class TopProduct:
    product: Product
    units: int
    revenue: Decimal


def top_products(*, since: datetime.datetime, limit: int = 5) -> list[TopProduct]:
    """The products most units of were sold in paid orders placed in the period."""
    rows = (
        OrderLine.objects.filter(order__in=paid_orders(since=since), product__isnull=False)
        .order_by()
        .values("product_id")
        .annotate(units=Sum("quantity"), revenue=Sum("line_total"))
        .order_by("-units", "-revenue", "product_id")[:limit]
    )
    products = Product.objects.in_bulk([row["product_id"] for row in rows])
    return [TopProduct(product=products[row["product_id"]], units=row["units"], revenue=row["revenue"]) for row in rows]


def low_stock_products(*, limit: int = 10) -> QuerySet[Product]:
    """Products still sold at their low-stock threshold or below (SHOP_LOW_STOCK_THRESHOLD by default), fewest first."""
    return Product.objects.active().low_stock().order_by("units_left", "pk")[:limit]
