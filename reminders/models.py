from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cart.models import Cart


class ReminderConsent(models.Model):
    """Whether the shopper agreed to a reminder about a cart they left (off until they tick it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_consent", verbose_name=_("shopper")
    )
    cart_reminders = models.BooleanField(_("cart reminders"), default=False)
    # The language the shopper chose in: the reminder is written in it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("reminder consent")
        verbose_name_plural = _("reminder consents")

    def __str__(self) -> str:
        return str(self.user)


class CartReminderState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", pgettext_lazy("email state", "Sent")
    # The cart changed, was ordered or the shopper withdrew consent before the worker got to it.
    CANCELLED = "cancelled", _("Not sent: no longer due")
    FAILED = "failed", _("Failed")


class CartReminder(models.Model):
    """One reminder about one state of a cart, and its outbox row: decided in a transaction, sent by a worker.

    A cart's state is when its shopper last changed its lines (``Cart.lines_changed_at``): the same state never
    gets a second reminder (a constraint), a changed cart may get one again once it is left again.
    """

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("cart"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart_reminders", verbose_name=_("shopper")
    )
    cart_changed_at = models.DateTimeField(_("cart last changed"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    state = models.CharField(
        _("state"), max_length=10, choices=CartReminderState.choices, default=CartReminderState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)
    # Set once the email went out; an order within SHOP_REMINDER_RECOVERY_DAYS after it is counted as recovered.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("cart reminder")
        verbose_name_plural = _("cart reminders")
        constraints = [
            models.UniqueConstraint(fields=["cart", "cart_changed_at"], name="reminder_once_per_cart_state"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.cart_changed_at:%Y-%m-%d %H:%M})"
