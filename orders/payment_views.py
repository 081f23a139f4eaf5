"""What payment providers call: each answer is the provider's own (a redirect, a JSON acknowledgement), a 404 for a
variant or payment the shop does not have, or a 400 for anything the provider does not vouch for. The payment row is
locked while a call changes it, so a webhook and its redelivery, arriving together, act one after the other."""

import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from payments import PaymentError
from payments.core import BasicProvider, provider_factory

from .models import Payment

logger = logging.getLogger(__name__)


def provider_of(variant: str) -> BasicProvider:
    if variant not in settings.PAYMENT_VARIANTS:
        raise Http404("No such payment provider")
    return provider_factory(variant)


def refused(error: PaymentError) -> JsonResponse:
    logger.warning("Payment callback refused: %s", error)
    return JsonResponse({"error": str(error)}, status=400)


def processed(*, token: str, variant: str | None, request: HttpRequest) -> HttpResponse:
    """The payment's provider reads the request; only what it verifies changes the payment."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(token=token).first()
        if payment is None or (variant is not None and payment.variant != variant):
            raise Http404("No such payment")
        provider = provider_of(payment.variant)
        try:
            return provider.process_data(payment, request)
        except PaymentError as error:
            transaction.set_rollback(True)
            return refused(error)


# Providers post without the shop's CSRF token; what they send is checked by the provider (Stripe: its signature).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def process_payment(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    return processed(token=str(token), variant=None, request=request)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def process_provider_event(request: HttpRequest, variant: str) -> HttpResponse:
    provider = provider_of(variant)
    try:
        token = provider.get_token_from_request(payment=None, request=request)
    except PaymentError as error:
        return refused(error)
    try:
        token = str(uuid.UUID(str(token))) if token else None
    except ValueError:
        token = None
    if token is None:
        return refused(PaymentError("The request names no payment of this shop."))
    return processed(token=token, variant=variant, request=request)
