"""Mail to the shopper, sent after the transaction commits: a failure is logged and never undoes the order."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Order

logger = logging.getLogger(__name__)


def _send(*, order_id: int, subject: str, template: str) -> None:
    try:
        order = Order.objects.prefetch_related("lines").get(pk=order_id)
        context = {"order": order, "shop_name": settings.SHOP_NAME}
        # In the shopper's language, whoever sends it: the shipped email goes out from the owner's admin.
        with translation.override(order.language):
            message = EmailMultiAlternatives(
                subject=subject % {"reference": order.reference, "shop": settings.SHOP_NAME},
                body=render_to_string(f"orders/email/{template}.txt", context),
                to=[order.email],
            )
            message.attach_alternative(render_to_string(f"orders/email/{template}.html", context), "text/html")
        message.send()
    except Exception:
        logger.exception("Could not send the %s email for order %s", template, order_id)


def send_order_confirmation(*, order_id: int) -> None:
    _send(order_id=order_id, subject=_("%(shop)s: your order %(reference)s"), template="confirmation")


def send_order_shipped(*, order_id: int) -> None:
    _send(order_id=order_id, subject=_("%(shop)s: order %(reference)s is on its way"), template="shipped")
