"""One email to the staff each time a product's available stock falls to its low-stock threshold.

The stock book (store/services.py) calls ``low_stock_note`` under the product's row lock after every change, so
of twenty buyers racing past the threshold exactly one sees the crossing. The alert is recorded in that
transaction (an outbox row) and handed to the task queue once it commits; the task locks the row and marks it
sent with the email, so a redelivered task sends nothing twice. Rising above the threshold and falling again is
a new crossing, and a new email.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import LowStockAlert, Product

logger = logging.getLogger(__name__)


def low_stock_note(*, product: Product, available_before: int) -> LowStockAlert | None:
    """Record an alert if this change took the locked ``product`` from above its threshold to it or below."""
    threshold = product.low_stock_at
    if not available_before > threshold >= product.available:
        return None
    alert = LowStockAlert.objects.create(product=product, available=product.available, threshold=threshold)
    transaction.on_commit(partial(_enqueue, alert_id=alert.pk))
    return alert


def _enqueue(*, alert_id: int) -> None:
    from .tasks import send_low_stock_alert  # the task module imports this one

    send_low_stock_alert.delay(alert_id)


def staff_emails() -> list[str]:
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def low_stock_alert_send(*, alert_id: int) -> bool:
    """Send the alert once; True if this call sent it. A mail failure raises and leaves it unsent, for a retry."""
    with transaction.atomic():
        alert = (
            # Only the alert's row: the product's may be locked by a checkout, and skip_locked would skip the alert.
            LowStockAlert.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("product")
            .filter(pk=alert_id, sent_at=None)
            .first()
        )
        if alert is None:
            return False
        recipients = staff_emails()
        if recipients:
            product = alert.product
            send_mail(
                _("%(shop)s: low stock of %(product)s") % {"shop": settings.SHOP_NAME, "product": product.name},
                _(
                    "%(product)s is down to %(available)s available (low stock at %(threshold)s).\n"
                    "On hand now: %(on_hand)s, of which %(allocated)s for orders not yet shipped.\n\n"
                    "Receive goods or recount: %(url)s"
                )
                % {
                    "product": product.name,
                    "available": alert.available,
                    "threshold": alert.threshold,
                    "on_hand": product.on_hand,
                    "allocated": product.allocated,
                    "url": reverse("admin:store_product_stock", args=[product.pk]),
                },
                None,
                recipients,
            )
        else:
            logger.warning("Low stock of product %s, but no staff member has an email address", alert.product_id)
        alert.sent_at = timezone.now()
        alert.save(update_fields=["sent_at"])
    return True
