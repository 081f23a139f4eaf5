"""Which carts get a reminder, and who agreed to one."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, QuerySet

from cart.models import Cart
from cart.selectors import cart_abandoned_before
from orders.models import Order

from .models import CartReminder, ReminderConsent

# Carts left longer ago than this get no reminder: switching reminders on does not write to last season's carts.
REMIND_CARTS_LEFT_WITHIN = datetime.timedelta(days=7)


def reminder_consent_given(*, user: User) -> bool:
    return ReminderConsent.objects.filter(user=user, cart_reminders=True).exists()


def ordered_since_cart_changed() -> Exists:
    """The cart's shopper placed an order after last changing the cart (for a Cart or a CartReminder query)."""
    return Exists(Order.objects.filter(user=OuterRef("user"), created_at__gte=OuterRef("lines_changed_at")))


def carts_to_remind(*, now: datetime.datetime) -> QuerySet[Cart]:
    """Abandoned carts (SHOP_CART_ABANDONED_HOURS) of shoppers who agreed, left within the last 7 days, not
    followed by an order, whose present state has had no reminder yet."""
    return (
        Cart.objects.filter(
            line_count__gt=0,
            lines_changed_at__lt=cart_abandoned_before(now=now),
            lines_changed_at__gte=now - REMIND_CARTS_LEFT_WITHIN,
            user__reminder_consent__cart_reminders=True,
        )
        .exclude(Exists(CartReminder.objects.filter(cart=OuterRef("pk"), cart_changed_at=OuterRef("lines_changed_at"))))
        .exclude(ordered_since_cart_changed())
        .select_related("user", "user__reminder_consent")
        .order_by("lines_changed_at", "pk")
    )


def reminder_still_due(*, reminder: CartReminder) -> bool:
    """At sending time: the shopper still agrees, the cart is as it was decided on, and no order came since."""
    cart = Cart.objects.filter(pk=reminder.cart_id).values("line_count", "lines_changed_at").first()
    return (
        cart is not None
        and cart["line_count"] > 0
        and cart["lines_changed_at"] == reminder.cart_changed_at
        and reminder_consent_given(user=reminder.user)
        and not Order.objects.filter(user_id=reminder.user_id, created_at__gte=reminder.cart_changed_at).exists()
    )


def reminder_retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.ORDER_EMAIL_RETRY_SECONDS * 2 ** (attempts - 1))
