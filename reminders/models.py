from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cart.models import Cart


class ReminderConsent(models.Model):
    """Whether the shopper agreed to a reminder about a cart they left (off until they tick it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_consent", verbose_name=_("shopper")
    )
    cart_reminders = models.BooleanField(_("cart reminders"), default=False)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("reminder consent")
        verbose_name_plural = _("reminder consents")

    def __str__(self) -> str:
        return str(self.user)


class CartReminder(models.Model):
    """One reminder about one state of a cart: the same lines never get a second one."""

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("cart"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart_reminders", verbose_name=_("shopper")
    )
    # The cart's lines (product and quantity) when the reminder was decided: the state it is about.
    lines_fingerprint = models.CharField(max_length=64)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)
    # Set once the email went out; an order within SHOP_REMINDER_RECOVERY_DAYS after it is counted as recovered.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("cart reminder")
        verbose_name_plural = _("cart reminders")
        constraints = [
            models.UniqueConstraint(fields=["cart", "lines_fingerprint"], name="reminder_once_per_cart_state"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
