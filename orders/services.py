"""Every write to orders: placing one, moving it through its statuses, paying it, buying it again.

Placing an order locks the shopper's cart row first (as every cart change does), then the
products being bought in primary-key order, so two checkouts sharing products wait for each
other instead of deadlocking. Status changes lock the order row and update it only from the
status they read, so an action clicked twice, or by two people, happens once.
"""

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from payments import PaymentStatus

from cart import services as cart_services
from cart.availability import line_availability
from store import services as stock_services
from store.models import Product, StockReason
from store.money import format_money
from web.localization import isolate

from . import emails
from .models import (
    Address,
    Order,
    OrderEmailKind,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
    Payment,
    ShippingMethod,
)
from .selectors import checkout_problems, checkout_quote, vat_included

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: a reference read out on the phone is not misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8
REFERENCE_ATTEMPTS = 5


class OrderError(ValidationError):
    """A request the shop refuses; its message is shown to the shopper or the shop owner."""


class EmptyCart(OrderError):
    pass


class StaleCheckout(OrderError):
    """The checkout's token already placed an order that is not this shopper's: the page must be loaded afresh."""


class CheckoutChanged(OrderError):
    """Prices or stock changed since the shopper saw the checkout: nothing was placed."""

    def __init__(self, changes: list[str], *, new_total: Decimal | None = None, code: str) -> None:
        super().__init__(changes, code=code)
        self.changes = changes
        self.new_total = new_total


@dataclass(frozen=True)
class ShippingDetails:
    """Who the order goes to and how, as the checkout form cleaned it."""

    email: str
    address: dict[str, str]  # the values of POSTAL_ADDRESS_FIELDS
    shipping_method: ShippingMethod


@dataclass(frozen=True)
class PlacedOrder:
    order: Order
    created: bool  # False when the checkout token had already placed this order


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def new_checkout_token() -> uuid.UUID:
    return uuid.uuid4()


def _remember_address(*, user: User, details: ShippingDetails) -> None:
    """The address goes to the top of the shopper's address book: a new entry, or the same one used again."""
    if not Address.objects.filter(user=user, **details.address).update(last_used_at=timezone.now()):
        Address.objects.create(user=user, **details.address)


def _insert_order(**fields) -> Order:
    """Insert with a fresh random reference, drawing again on the rare collision."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Order.objects.create(reference=new_reference(), **fields)
        except IntegrityError as error:
            if Order.objects.filter(checkout_token=fields["checkout_token"]).exists():
                # Not this shopper's order (order_place found none of theirs): a token copied from elsewhere.
                raise StaleCheckout(
                    _("The checkout page was out of date. Check your order and place it again."), code="token"
                ) from error
    raise OrderError(_("We could not number your order. Please try again."), code="reference")


def order_place(
    *,
    user: User,
    details: ShippingDetails,
    checkout_token: uuid.UUID,
    expected_total: Decimal,
    language: str = settings.LANGUAGE_CODE,
) -> PlacedOrder:
    """Turn the shopper's cart into an order at the total they saw, or place nothing and say what changed.

    A second call with the same ``checkout_token`` returns the order the first one placed. ``language`` is the
    shopper's: the order's emails are written in it.
    """
    with transaction.atomic():
        # Serialises this shopper's checkouts and cart changes: a double submit waits here, then finds the order.
        checkout = cart_services.cart_lock_for_checkout(user=user)
        existing = Order.objects.filter(checkout_token=checkout_token, user=user).first()
        if existing is not None:
            return PlacedOrder(order=existing, created=False)
        items = checkout.items  # in the cart's order, which the order's lines keep
        if checkout.cart is None or not items:
            raise EmptyCart(_("Your cart is empty: there is nothing to order."), code="empty")

        problems = checkout_problems(items=items)
        if problems:
            raise CheckoutChanged(problems, code="stock")
        quote = checkout_quote(items=items, shipping_method=details.shipping_method, country=details.address["country"])
        if quote.total != expected_total:
            changes = [
                _("%(product)s: %(old)s → %(new)s each")
                % {
                    "product": isolate(item.product.name),
                    "old": format_money(item.unit_price),
                    "new": format_money(item.product.price),
                }
                for item in items
                if item.unit_price != item.product.price
            ]
            changes.append(
                _("Total: %(old)s → %(new)s") % {"old": format_money(expected_total), "new": format_money(quote.total)}
            )
            raise CheckoutChanged(changes, new_total=quote.total, code="total")

        order = _insert_order(
            user=user,
            checkout_token=checkout_token,
            language=language,
            email=details.email,
            **details.address,
            shipping_method=details.shipping_method.name,
            shipping_cost=quote.shipping_cost,
            subtotal=quote.subtotal,
            total=quote.total,
            vat_rate=quote.vat_rate,
            vat_amount=quote.vat_amount,
        )
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                product_id=line.item.product_id,
                product_name=line.item.product.name,
                product_reference=line.item.product.slug,
                unit_price=line.unit_price,
                quantity=line.quantity,
                line_total=line.line_total,
                vat_amount=vat_included(line.line_total, quote.vat_rate),
            )
            for line in quote.lines
        )
        try:
            stock_services.stock_allocate(
                order=order, quantities={line.item.product_id: line.quantity for line in quote.lines}
            )
        except stock_services.OutOfStock as error:
            # Only if a product was not locked: the problems above were read under the lock.
            gone = line_availability(quantity=1, available=0, is_active=True, name=error.product.name)
            raise CheckoutChanged([gone.problem], code="stock") from None
        OrderStatusChange.objects.create(order=order, to_status=OrderStatus.AWAITING_PAYMENT, changed_by=user)
        _remember_address(user=user, details=details)
        cart_services.cart_empty_after_checkout(checkout=checkout)
        emails.order_email_queue(order=order, kind=OrderEmailKind.CONFIRMATION)
    return PlacedOrder(order=order, created=True)


# Leaving these statuses for these gives the order's units back to the shelf, with this reason in the stock book.
STOCK_RELEASING: dict[str, str] = {
    OrderStatus.CANCELLED: StockReason.CANCELLATION,
    OrderStatus.EXPIRED: StockReason.EXPIRY,
}


def _units_by_product(order: Order) -> dict[int, int]:
    """What the order holds of each product still in the catalog."""
    units: dict[int, int] = {}
    for product_id, quantity in order.lines.exclude(product=None).values_list("product_id", "quantity"):
        units[product_id] = units.get(product_id, 0) + quantity
    return units


def _order_transition(
    *,
    order: Order,
    allowed_from: list[str],
    to_status: str,
    changed_by: User | None,
    note: str = "",
) -> bool:
    """Move the order to ``to_status`` if it is in one of ``allowed_from``; True if this call moved it.

    The stock book changes in the same transaction as the status, so exactly once: a cancelled or expired
    order releases its units, a shipped one consumes them (store/services.py).
    """
    with transaction.atomic():
        current = Order.objects.select_for_update().filter(pk=order.pk).values_list("status", flat=True).first()
        if current not in allowed_from:
            return False
        # Conditional on the status read: a second caller changes nothing even if it got this far.
        if not Order.objects.filter(pk=order.pk, status=current).update(status=to_status, updated_at=timezone.now()):
            return False
        if to_status in STOCK_RELEASING:
            stock_services.stock_release(
                order=order, quantities=_units_by_product(order), reason=STOCK_RELEASING[to_status]
            )
        elif to_status == OrderStatus.SHIPPED:
            stock_services.stock_consume(order=order, quantities=_units_by_product(order))
        OrderStatusChange.objects.create(
            order=order, from_status=current, to_status=to_status, changed_by=changed_by, note=note
        )
    order.status = to_status
    return True


def order_mark_paid(*, order: Order, changed_by: User | None, note: str = "") -> bool:
    return _order_transition(
        order=order,
        allowed_from=[OrderStatus.AWAITING_PAYMENT],
        to_status=OrderStatus.PAID,
        changed_by=changed_by,
        note=note,
    )


def order_mark_shipped(*, order: Order, changed_by: User | None) -> bool:
    with transaction.atomic():
        shipped = _order_transition(
            order=order, allowed_from=[OrderStatus.PAID], to_status=OrderStatus.SHIPPED, changed_by=changed_by
        )
        if shipped:
            emails.order_email_queue(order=order, kind=OrderEmailKind.SHIPPED)
    return shipped


def order_mark_delivered(*, order: Order, changed_by: User | None) -> bool:
    return _order_transition(
        order=order, allowed_from=[OrderStatus.SHIPPED], to_status=OrderStatus.DELIVERED, changed_by=changed_by
    )


def order_cancel(*, order: Order, changed_by: User | None, note: str = "") -> bool:
    """Cancel an order not yet shipped; its units go back to stock (a paid one needs refunding by the owner)."""
    return _order_transition(
        order=order,
        allowed_from=[OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID],
        to_status=OrderStatus.CANCELLED,
        changed_by=changed_by,
        note=note,
    )


def order_expire(*, order: Order) -> bool:
    """An unpaid order past its time gives its stock back."""
    return _order_transition(
        order=order,
        allowed_from=[OrderStatus.AWAITING_PAYMENT],
        to_status=OrderStatus.EXPIRED,
        changed_by=None,
        note=f"Not paid within {settings.ORDER_PAYMENT_TIMEOUT_MINUTES} minutes",
    )


def orders_release_unpaid(*, now=None) -> int:
    """Expire every order awaiting payment for longer than the timeout; returns how many this call expired."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)
    stale = Order.objects.filter(status=OrderStatus.AWAITING_PAYMENT, created_at__lt=cutoff).order_by("pk")
    return sum(order_expire(order=order) for order in stale)


def payment_start(*, order: Order) -> Payment:
    """A new payment attempt for an order awaiting payment (the first, or a retry after a failure)."""
    if not order.is_awaiting_payment:
        raise OrderError(
            _("Order %(reference)s is not awaiting payment.") % {"reference": order.reference}, code="not_payable"
        )
    return Payment.objects.create(
        order=order,
        variant=settings.CHECKOUT_PAYMENT_VARIANT,
        description=f"Order {order.reference}",
        total=order.total,
        tax=order.vat_amount,
        delivery=order.shipping_cost,
        currency=settings.SHOP_CURRENCY,
        billing_email=order.email,
        billing_first_name=order.full_name,
        billing_address_1=order.street,
        billing_city=order.city,
        billing_postcode=order.postal_code,
        billing_country_code=str(order.country),
    )


def payment_settle(*, payment: Payment) -> None:
    """A confirmed payment marks its order paid; one for an order no longer awaiting payment is logged for a refund."""
    if payment.status != PaymentStatus.CONFIRMED:
        return
    order = payment.order
    if not order_mark_paid(order=order, changed_by=None, note=f"Payment {payment.pk} confirmed ({payment.variant})"):
        order.refresh_from_db(fields=["status"])
        if order.status != OrderStatus.PAID:
            logger.error("Payment %s confirmed for order %s in status %s", payment.pk, order.reference, order.status)


def order_buy_again(*, user: User, order: Order) -> list["StrOrPromise"]:
    """Put the order's products back in the cart, as far as they are sold and in stock; returns what to tell."""
    notices: list[StrOrPromise] = []
    for line in order.lines.all():
        product = Product.objects.filter(pk=line.product_id).first() if line.product_id else None
        if product is None:
            deleted = line_availability(quantity=line.quantity, available=0, is_active=False, name=line.product_name)
            notices.append(deleted.problem)
            continue
        try:
            change = cart_services.cart_add_product(user=user, product=product, quantity=line.quantity)
        except cart_services.CartError as error:
            notices.append(error.message)
            continue
        if change.notice:
            notices.append(_("%(product)s: %(notice)s") % {"product": isolate(product.name), "notice": change.notice})
    return notices
