"""Orders are snapshots: what was bought, at which price, shipped where. Catalog changes never alter them."""

import logging
from datetime import datetime, timedelta
from decimal import Decimal
from urllib.parse import urljoin

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from payments import PaymentError, PaymentStatus, PurchasedItem
from payments.core import get_base_url
from payments.models import BasePayment

from store.models import Product

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")


class PostalAddress(models.Model):
    """Where an order goes, declared once: the address book's entries, each order's copy and the checkout's form."""

    full_name = models.CharField(_("full name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=300)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=20)
    country = CountryField(_("country"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        abstract = True

    @property
    def postal_address(self) -> dict[str, str]:
        """The address's values by field name: what an order copies, and what finds the same address again."""
        return {name: str(getattr(self, name)) for name in POSTAL_ADDRESS_FIELDS}


# In the order a letter is addressed, which the forms and the admin follow.
POSTAL_ADDRESS_FIELDS = [field.name for field in PostalAddress._meta.local_fields]


class Address(PostalAddress):
    """An entry of the shopper's address book; the one used last is offered first at checkout."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses")
    last_used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_used_at", "-id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.full_name}, {self.street}, {self.postal_code} {self.city}, {self.country.name}"


class ShippingMethod(models.Model):
    """Edited by the shop owner in the admin; an order keeps a copy of the name and price it was placed with."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    price = models.DecimalField(_("price at home"), max_digits=8, decimal_places=2)
    price_abroad = models.DecimalField(
        _("price abroad"),
        max_digits=8,
        decimal_places=2,
        help_text=_("Outside the shop's home country (SHOP_HOME_COUNTRY)."),
    )
    free_above = models.DecimalField(
        _("free from a subtotal of"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty if this method is never free."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Lower comes first at checkout."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0) & Q(price_abroad__gte=0), name="shipping_method_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def cost(self, *, subtotal: Decimal, country: str) -> Decimal:
        if self.free_above is not None and subtotal >= self.free_above:
            return ZERO
        return self.price if country == settings.SHOP_HOME_COUNTRY else self.price_abroad


# What the order page says of the latest payment attempt's other outcomes, in the shop's catalogue
# (django-payments has no Persian).
PAYMENT_OUTCOME_LABELS = {
    PaymentStatus.PREAUTH: pgettext_lazy("payment status", "Pre-authorized"),
    PaymentStatus.CONFIRMED: pgettext_lazy("payment status", "Confirmed"),
    PaymentStatus.REFUNDED: pgettext_lazy("payment status", "Refunded"),
}


class OrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    PAID = "paid", pgettext_lazy("order status", "Paid")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Payment expired")


# The statuses whose units left the stock for good or for now; cancelled and expired orders gave them back.
STOCK_HOLDING_STATUSES = [OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED]


class Order(PostalAddress):
    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders")
    # The hidden token of the checkout form: a second submit of the same checkout finds this order.
    checkout_token = models.UUIDField(unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.AWAITING_PAYMENT
    )
    # The shopper's language at checkout: the emails about the order are written in it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    email = models.EmailField(_("email"))
    shipping_method = models.CharField(_("shipping method"), max_length=100)
    shipping_cost = models.DecimalField(_("shipping cost"), max_digits=8, decimal_places=2)
    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=4)
    vat_amount = models.DecimalField(_("VAT included"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(_("placed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(subtotal__gte=0) & Q(shipping_cost__gte=0) & Q(vat_amount__gte=0),
                name="order_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(total=F("subtotal") + F("shipping_cost")), name="order_total_is_subtotal_plus_shipping"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("orders:detail", kwargs={"reference": self.reference})

    @property
    def is_awaiting_payment(self) -> bool:
        return self.status == OrderStatus.AWAITING_PAYMENT

    @property
    def payment_due_at(self) -> datetime:
        """Until when the order's items are held for it unpaid (``manage.py release_unpaid_orders`` then expires it)."""
        return self.created_at + timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)

    @property
    def payment_status_label(self) -> str:
        """What the shopper reads about the payment: the latest attempt's outcome."""
        if self.status in (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
            return pgettext("payment status", "Paid")
        if self.status == OrderStatus.EXPIRED:
            return gettext("Not paid in time")
        if self.status == OrderStatus.CANCELLED:
            paid = self.payments.filter(status=PaymentStatus.CONFIRMED).exists()
            return pgettext("payment status", "Paid") if paid else gettext("Not paid")
        latest = self.payments.order_by("-created", "-id").first()
        if latest is None or latest.status in (PaymentStatus.WAITING, PaymentStatus.INPUT):
            return gettext("Waiting for payment")
        if latest.status in (PaymentStatus.REJECTED, PaymentStatus.ERROR):
            return gettext("Payment failed")
        if latest.status == PaymentStatus.CANCELLED:
            return gettext("Payment cancelled")
        if latest.status not in PAYMENT_OUTCOME_LABELS:
            logger.error("Payment %s of order %s has an unknown status %r", latest.pk, self.reference, latest.status)
            return pgettext("payment status", "Unknown")
        return str(PAYMENT_OUTCOME_LABELS[latest.status])


class OrderLine(models.Model):
    """Listed in the order of the cart it was placed from: order_place inserts the lines in it."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    # Kept for stock returns and "Buy again"; the snapshot below is what the order shows.
    product = models.ForeignKey(Product, on_delete=models.SET_NULL, null=True, related_name="+")
    product_name = models.CharField(_("product"), max_length=200)
    product_reference = models.CharField(_("product reference"), max_length=200)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.DecimalField(_("line total"), max_digits=12, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT included"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["id"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="order_line_price_not_negative"),
            models.CheckConstraint(
                condition=Q(line_total=F("unit_price") * F("quantity")), name="order_line_total_is_price_times_quantity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"


class OrderStatusChange(models.Model):
    """Who moved an order from which status to which, and when: the shopper, the shop owner or the shop itself."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from status"), max_length=20, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, choices=OrderStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("changed by")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self) -> str:
        return f"{self.order}: {self.from_status or '—'} → {self.to_status}"


class OrderEmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Order confirmation")
    SHIPPED = "shipped", _("Shipped notice")


class OrderEmailState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", pgettext_lazy("email state", "Sent")
    FAILED = "failed", _("Failed")


class OrderEmail(models.Model):
    """An email to the shopper, recorded in the same transaction as what it tells (the outbox); a worker sends it.

    There is no "sending" state: the worker holds this row's lock while it talks to the mail server and writes
    the outcome in that transaction, so a worker that dies mid-send leaves the row queued for the next one.
    """

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(_("email"), max_length=20, choices=OrderEmailKind.choices)
    state = models.CharField(_("state"), max_length=10, choices=OrderEmailState.choices, default=OrderEmailState.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    # A queued email is not tried again before this (the backoff after a failed attempt).
    next_attempt_at = models.DateTimeField(_("next attempt"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("order email")
        verbose_name_plural = _("order emails")
        constraints = [models.UniqueConstraint(fields=["order", "kind"], name="order_email_once_per_kind")]
        indexes = [models.Index(fields=["next_attempt_at"], condition=Q(state="queued"), name="order_email_queued_due")]

    def __str__(self) -> str:
        return f"{self.order}: {self.get_kind_display()}"


KNOWN_PAYMENT_STATUSES = [status for status, _label in PaymentStatus.CHOICES]


class Payment(BasePayment):
    """One attempt to pay an order (django-payments); a failed attempt is followed by a new one."""

    order: "models.ForeignKey[Order, Order]" = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="payments"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=KNOWN_PAYMENT_STATUSES), name="payment_status_known"),
        ]

    def change_status(self, status: str, message: str = "") -> None:
        """django-payments' status change, refusing a status it does not know (the database would too)."""
        if status not in KNOWN_PAYMENT_STATUSES:
            raise PaymentError(f"Unknown payment status {str(status)[:20]!r}", code=400)
        super().change_status(status, message)

    def _shop_url(self, path: str) -> str:
        # The demo provider's form posts back to the shop's own page; an off-site provider (Stripe)
        # sends the shopper back by absolute URL.
        if self.variant == settings.PAYMENT_DEMO_VARIANT:
            return path
        return urljoin(get_base_url(), path)

    def get_success_url(self) -> str:
        return self._shop_url(self.order.get_absolute_url())

    def get_failure_url(self) -> str:
        return self._shop_url(self.order.get_absolute_url())

    def get_purchased_items(self):
        for line in self.order.lines.all():
            yield PurchasedItem(
                name=line.product_name,
                sku=line.product_reference,
                quantity=line.quantity,
                price=line.unit_price,
                currency=self.currency,
                tax_rate=self.order.vat_rate,
            )


class ProviderEvent(models.Model):
    """A payment provider's event already acted on: a redelivered or replayed copy changes nothing again."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id}"
