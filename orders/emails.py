"""Emails to the shopper through an outbox: recorded in the transaction of what they tell, sent by a worker after.

Placing an order or marking it shipped writes an ``OrderEmail`` row beside the change; once that commits, the row
is handed to the task queue. A worker locks the row (skipping one another worker holds), talks to the mail server
within EMAIL_TIMEOUT and records the outcome in the same transaction, so each email goes out at most once. A
failed attempt is tried again with a doubling delay, then marked failed for the owner to resend from the admin.
If the worker dies mid-send its transaction rolls back: the row is queued again and the scheduler's sweep
(``order_emails_send_due``) hands it to the next worker.
"""

import logging
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from web.localization import shop_name

from .models import Order, OrderEmail, OrderEmailKind, OrderEmailState

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

SUBJECTS: dict[str, "StrOrPromise"] = {
    OrderEmailKind.CONFIRMATION: _("%(shop)s: your order %(reference)s"),
    OrderEmailKind.SHIPPED: _("%(shop)s: order %(reference)s is on its way"),
}


def order_email_queue(*, order: Order, kind: OrderEmailKind) -> OrderEmail:
    """Record the email in the caller's transaction; the task queue gets it once that transaction commits."""
    email = OrderEmail.objects.create(order=order, kind=kind, next_attempt_at=timezone.now())
    transaction.on_commit(partial(_enqueue, email=email))
    return email


def order_email_resend(*, email: OrderEmail) -> None:
    """The owner's resend: a failed email gets a fresh set of attempts, a sent one goes out once more."""
    with transaction.atomic():
        OrderEmail.objects.filter(pk=email.pk).update(
            state=OrderEmailState.QUEUED, attempts=0, last_error="", next_attempt_at=timezone.now(), sent_at=None
        )
        transaction.on_commit(partial(_enqueue, email=email))


def order_email_send(*, email_id: int) -> int | None:
    """Try once to send a queued email that is due; returns the seconds until the next attempt if this one failed."""
    with transaction.atomic():
        # Held until the outcome is recorded: a second worker, a sweep or a redelivered message skips the row.
        email = (
            OrderEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, state=OrderEmailState.QUEUED, next_attempt_at__lte=timezone.now())
            .first()
        )
        if email is None:
            return None  # sent, failed, not due yet, or in another worker's hands
        email.attempts += 1
        try:
            _message(email).send()
        except Exception as error:  # any failure of the mail server is one failed attempt
            return _record_failure(email=email, error=error)
        email.state = OrderEmailState.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["state", "attempts", "sent_at", "last_error"])
    logger.info("Sent the %s email for order %s", email.kind, email.order.reference)
    return None


def order_emails_due() -> QuerySet[OrderEmail]:
    return OrderEmail.objects.filter(state=OrderEmailState.QUEUED, next_attempt_at__lte=timezone.now())


def order_emails_send_due() -> int:
    """Hand every due queued email to the task queue (the scheduler's sweep); returns how many."""
    due = list(order_emails_due().select_related("order").order_by("next_attempt_at", "pk"))
    for email in due:
        _enqueue(email=email)
    return len(due)


def _enqueue(*, email: OrderEmail) -> None:
    from .tasks import send_order_email  # the tasks module imports this one

    try:
        send_order_email.delay(email.pk)
    except Exception:
        # The row stays queued: the scheduler's next sweep hands it over again.
        logger.exception("Could not queue the %s email for order %s", email.kind, email.order.reference)


def _record_failure(*, email: OrderEmail, error: Exception) -> int | None:
    email.last_error = f"{type(error).__name__}: {error}"[:300]
    retry_in = None
    if email.attempts >= settings.ORDER_EMAIL_MAX_ATTEMPTS:
        email.state = OrderEmailState.FAILED
        logger.error(
            "Gave up sending the %s email for order %s after %s attempts (%s); the owner can resend it in the admin",
            email.kind,
            email.order.reference,
            email.attempts,
            email.last_error,
        )
    else:
        retry_in = settings.ORDER_EMAIL_RETRY_SECONDS * 2 ** (email.attempts - 1)
        email.next_attempt_at = timezone.now() + timedelta(seconds=retry_in)
        logger.warning(
            "Could not send the %s email for order %s (attempt %s of %s, next in %s s): %s",
            email.kind,
            email.order.reference,
            email.attempts,
            settings.ORDER_EMAIL_MAX_ATTEMPTS,
            retry_in,
            email.last_error,
        )
    email.save(update_fields=["state", "attempts", "last_error", "next_attempt_at"])
    return retry_in


def _message(email: OrderEmail) -> EmailMultiAlternatives:
    order = Order.objects.prefetch_related("lines").get(pk=email.order_id)
    # In the shopper's language, whoever sends it: the shipped email goes out from the owner's admin.
    with translation.override(order.language):
        context = {"order": order, "shop_name": shop_name()}
        message = EmailMultiAlternatives(
            subject=SUBJECTS[email.kind] % {"reference": order.reference, "shop": context["shop_name"]},
            body=render_to_string(f"orders/email/{email.kind}.txt", context),
            to=[order.email],
        )
        message.attach_alternative(render_to_string(f"orders/email/{email.kind}.html", context), "text/html")
    return message
