"""The abandoned-cart reminder: consent, deciding which carts get one, sending it through the task queue.

Deciding writes a ``CartReminder`` row per cart state (an outbox row, unique per cart and state, so two
schedulers decide once); the task queue gets it after commit. A worker locks the row, checks the reminder is
still due (consent, the cart unchanged, no order since), sends it within EMAIL_TIMEOUT and records the outcome
in the same transaction: at most one email per row, tried again with a doubling delay like the order emails.
"""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cart.selectors import cart_items
from web.localization import shop_name

from .models import CartReminder, CartReminderState, ReminderConsent
from .selectors import carts_to_remind, reminder_retry_delay, reminder_still_due

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "reminders.unsubscribe"


def reminder_consent_set(*, user: User, agreed: bool, language: str) -> None:
    """The shopper's choice, from their account or checkout; the reminder is written in ``language``."""
    ReminderConsent.objects.update_or_create(user=user, defaults={"cart_reminders": agreed, "language": language})


def unsubscribe_token(*, user: User) -> str:
    """Signed, for this one purpose (its own salt): stops this shopper's cart reminders, nothing else."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_of_unsubscribe_token(token: str) -> User | None:
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=user_id).first() if isinstance(user_id, int) else None


def reminders_decide(*, now: datetime.datetime) -> list[CartReminder]:
    """A queued reminder for every cart due one (reminders.selectors.carts_to_remind); each is handed to the
    task queue once recorded."""
    decided = []
    for cart in carts_to_remind(now=now):
        try:
            with transaction.atomic():
                reminder = CartReminder.objects.create(
                    cart=cart,
                    user=cart.user,
                    cart_changed_at=cart.lines_changed_at,
                    value=cart.value,
                    language=cart.user.reminder_consent.language,
                )
        except IntegrityError:
            continue  # another scheduler decided on this cart state first
        transaction.on_commit(partial(_enqueue, reminder_id=reminder.pk))
        decided.append(reminder)
    return decided


def reminder_send(*, reminder_id: int) -> int | None:
    """Try once to send a queued reminder that is due; returns the seconds until the next try if this one failed."""
    with transaction.atomic():
        reminder = (
            CartReminder.objects.select_for_update(skip_locked=True)
            .select_related("user")
            .filter(pk=reminder_id, state=CartReminderState.QUEUED, next_attempt_at__lte=timezone.now())
            .first()
        )
        if reminder is None:
            return None
        if not reminder_still_due(reminder=reminder):
            reminder.state = CartReminderState.CANCELLED
            reminder.save(update_fields=["state"])
            return None
        reminder.attempts += 1
        try:
            _message(reminder).send()
        except Exception as error:  # any failure of the mail server is one failed attempt
            return _record_failure(reminder=reminder, error=error)
        reminder.state = CartReminderState.SENT
        reminder.sent_at = timezone.now()
        reminder.last_error = ""
        reminder.save(update_fields=["state", "attempts", "sent_at", "last_error"])
    logger.info("Sent a cart reminder to shopper %s", reminder.user_id)
    return None


def reminders_send_due() -> int:
    """Hand every due queued reminder to the task queue (the scheduler's sweep); returns how many."""
    due = list(
        CartReminder.objects.filter(state=CartReminderState.QUEUED, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    for reminder_id in due:
        _enqueue(reminder_id=reminder_id)
    return len(due)


def _enqueue(*, reminder_id: int) -> None:
    from .tasks import send_cart_reminder  # the tasks module imports this one

    try:
        send_cart_reminder.delay(reminder_id)
    except Exception:
        logger.exception("Could not queue cart reminder %s; the scheduler's sweep will", reminder_id)


def _record_failure(*, reminder: CartReminder, error: Exception) -> int | None:
    reminder.last_error = f"{type(error).__name__}: {error}"[:300]
    retry_in = None
    if reminder.attempts >= settings.ORDER_EMAIL_MAX_ATTEMPTS:
        reminder.state = CartReminderState.FAILED
        logger.error("Gave up sending cart reminder %s: %s", reminder.pk, reminder.last_error)
    else:
        delay = reminder_retry_delay(reminder.attempts)
        reminder.next_attempt_at = timezone.now() + delay
        retry_in = int(delay.total_seconds())
        logger.warning("Could not send cart reminder %s (next in %s s): %s", reminder.pk, retry_in, reminder.last_error)
    reminder.save(update_fields=["state", "attempts", "last_error", "next_attempt_at"])
    return retry_in


def _shop_url(path: str) -> str:
    """An address on the shop's public host (PAYMENT_HOST, the one the payment provider sends shoppers back to)."""
    return f"{'https' if settings.PAYMENT_USES_SSL else 'http'}://{settings.PAYMENT_HOST}{path}"


def _message(reminder: CartReminder) -> EmailMultiAlternatives:
    unsubscribe_url = _shop_url(
        reverse("reminders:unsubscribe", kwargs={"token": unsubscribe_token(user=reminder.user)})
    )
    with translation.override(reminder.language):
        context = {
            "lines": list(cart_items(user=reminder.user)),
            "value": reminder.value,
            "cart_url": _shop_url(reverse("cart:detail")),
            "unsubscribe_url": unsubscribe_url,
            "shop_name": shop_name(),
        }
        message = EmailMultiAlternatives(
            subject=_("%(shop)s: your cart is waiting for you") % {"shop": context["shop_name"]},
            body=render_to_string("reminders/email/reminder.txt", context),
            to=[reminder.user.email],
            # One-click unsubscribe (RFC 8058): mail programs offer it beside the sender.
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        message.attach_alternative(render_to_string("reminders/email/reminder.html", context), "text/html")
    return message
