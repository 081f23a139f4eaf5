"""The shop's payment providers (django-payments variants; config/settings/payment.py chooses them).

A payment's status changes only through what the provider itself vouches for: Stripe's webhook events, signed
with the endpoint's secret; in a demo shop, the demo form on the shopper's own payment page (login, CSRF). Nothing
in a callback URL's query string or body that is not signed by the provider moves a payment.
"""

import json
import logging

import stripe
from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext_lazy as _
from payments import PaymentError, PaymentStatus, RedirectNeeded
from payments.core import provider_factory
from payments.dummy import DummyProvider
from payments.forms import PaymentForm
from payments.stripe import StripeProviderV3

from .models import Payment, ProviderEvent

logger = logging.getLogger(__name__)

# Where a payment may still go: a final status (confirmed, rejected, cancelled…) is never changed by a late event.
OPEN_STATUSES = (PaymentStatus.WAITING, PaymentStatus.INPUT)


class DemoPaymentForm(PaymentForm):
    """The demo's only question: which outcome to pretend. A successful payment unless the shopper picks another."""

    status = forms.ChoiceField(
        label=_("Outcome of this demo payment"),
        choices=[
            (PaymentStatus.CONFIRMED, _("Successful payment (demo)")),
            (PaymentStatus.REJECTED, _("Declined payment (demo)")),
            (PaymentStatus.CANCELLED, _("Cancelled payment (demo)")),
        ],
        initial=PaymentStatus.CONFIRMED,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the demo outcomes.")},
    )


class DemoProvider(DummyProvider):
    """No money moves: the shopper's own payment page asks which outcome to pretend (a successful one by default).

    Unlike django-payments' dummy provider, its callback URL changes nothing: the dummy took the status from
    ``?verification_result=`` in the URL, so anyone with the link could mark an order paid.
    """

    def get_form(self, payment: Payment, data=None) -> DemoPaymentForm:
        if payment.status == PaymentStatus.WAITING:
            payment.change_status(PaymentStatus.INPUT)
        form = DemoPaymentForm(data=data, hidden_inputs=False, provider=self, payment=payment)
        if form.is_valid():
            outcome = form.cleaned_data["status"]
            if outcome == PaymentStatus.CONFIRMED:
                payment.captured_amount = payment.total
                payment.save(update_fields=["captured_amount"])
            payment.change_status(outcome)
            if outcome == PaymentStatus.CONFIRMED:
                raise RedirectNeeded(payment.get_success_url())
            raise RedirectNeeded(payment.get_failure_url())
        return form

    def process_data(self, payment: Payment, request: HttpRequest) -> HttpResponse:
        """Back to the order, whatever the request says."""
        if payment.status == PaymentStatus.CONFIRMED:
            return HttpResponseRedirect(payment.get_success_url())
        return HttpResponseRedirect(payment.get_failure_url())

    def get_token_from_request(self, payment: Payment | None, request: HttpRequest) -> None:
        """No provider calls the demo's shared callback URL: nothing there names a payment."""
        return None


class StripeProvider(StripeProviderV3):
    """Stripe Checkout; a payment's status comes only from webhook events whose signature Stripe made.

    Each event is acted on once (its id is recorded), only while the payment is still open, and only if it is
    about this payment's own Checkout Session for its full amount.
    """

    def __init__(self, *, api_key: str, endpoint_secret: str, **kwargs) -> None:
        super().__init__(api_key=api_key, endpoint_secret=endpoint_secret, secure_endpoint=True, **kwargs)

    def return_event_payload(self, request: HttpRequest) -> dict:
        """The event, once its ``Stripe-Signature`` proves Stripe signed it with this endpoint's secret, recently
        (five minutes: an older copy is refused even with a good signature)."""
        try:
            stripe.WebhookSignature.verify_header(
                request.body, request.headers.get("Stripe-Signature"), self.endpoint_secret, tolerance=300
            )
            event = json.loads(request.body)
        except (ValueError, stripe.SignatureVerificationError) as error:  # ValueError: not UTF-8, not JSON
            raise PaymentError("The event's Stripe-Signature does not verify.", code=400) from error
        if not isinstance(event, dict) or not isinstance(event.get("data"), dict):
            raise PaymentError("The event is not a Stripe event.", code=400)
        return event

    def process_data(self, payment: Payment, request: HttpRequest) -> JsonResponse:
        event = self.return_event_payload(request)
        if not first_delivery(provider="stripe", event_id=event.get("id")):
            return JsonResponse({"status": "already processed"})
        if event.get("type") not in ("checkout.session.completed", "checkout.session.async_payment_succeeded",
                                     "checkout.session.async_payment_failed", "checkout.session.expired"):  # fmt: skip
            return JsonResponse({"status": "ignored"})
        session = event["data"].get("object")
        if not isinstance(session, dict) or session.get("id") != payment.transaction_id:
            raise PaymentError("The event is about another Checkout Session.", code=400)
        self.apply(payment=payment, event_type=event["type"], session=session)
        return JsonResponse({"status": "OK"})

    def apply(self, *, payment: Payment, event_type: str, session: dict) -> None:
        """Move a still open payment to the status Stripe reports for its session (the caller locked its row)."""
        outcome = self.outcome(event_type=event_type, session=session, payment=payment)
        if outcome and payment.status in OPEN_STATUSES:
            if outcome == PaymentStatus.CONFIRMED:
                payment.captured_amount = payment.total
            payment.attrs.session = session
            payment.save(update_fields=["captured_amount", "extra_data"])
            payment.change_status(outcome)

    def session_now(self, payment: Payment) -> dict | None:
        """The payment's Checkout Session as Stripe has it now, asked server to server; None if Stripe cannot say.

        Five seconds at most, no retries: the shopper's page waits for it (the webhook will tell anyway)."""
        client = stripe.StripeClient(self.api_key, http_client=stripe.RequestsClient(timeout=5), max_network_retries=0)
        try:
            return client.v1.checkout.sessions.retrieve(payment.transaction_id).to_dict()
        except stripe.StripeError as error:
            logger.warning(
                "Stripe session %s of payment %s not retrieved: %s", payment.transaction_id, payment.pk, error
            )
            return None

    def refresh(self, payment: Payment) -> None:
        """Ask Stripe about the payment's session (the shopper is back from Stripe, maybe before its webhook)."""
        session = self.session_now(payment)
        if session is None or session.get("id") != payment.transaction_id:
            return
        event_type = "checkout.session.expired" if session.get("status") == "expired" else "checkout.session.completed"
        with transaction.atomic():
            locked = Payment.objects.select_for_update().get(pk=payment.pk)
            self.apply(payment=locked, event_type=event_type, session=session)
        payment.refresh_from_db()

    def outcome(self, *, event_type: str, session: dict, payment: Payment) -> str | None:
        """The status the event reports for the payment, or None if it reports none yet."""
        if event_type in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
            if session.get("payment_status") != "paid":
                return None  # a delayed method (a bank debit): async_payment_succeeded or _failed follows
            expected = (self.convert_amount(payment.currency, payment.total), payment.currency.lower())
            if (session.get("amount_total"), session.get("currency")) != expected:
                logger.error("Stripe session %s paid %s %s for payment %s, which expects %s %s",
                             session.get("id"), session.get("amount_total"), session.get("currency"), payment.pk,
                             *expected)  # fmt: skip
                return PaymentStatus.ERROR
            return PaymentStatus.CONFIRMED
        if event_type == "checkout.session.async_payment_failed":
            return PaymentStatus.REJECTED
        return PaymentStatus.CANCELLED  # checkout.session.expired: the shopper left without paying


def first_delivery(*, provider: str, event_id: str | None) -> bool:
    """Record a provider's event; False if it was recorded before (a redelivery or a replay)."""
    if not event_id:
        raise PaymentError("The event has no id.", code=400)
    try:
        with transaction.atomic():
            ProviderEvent.objects.create(provider=provider, event_id=event_id)
    except IntegrityError:
        return False
    return True


def payment_refresh(*, payment: Payment) -> None:
    """Let the payment's provider say, server to server, what became of an open payment, if it can."""
    if payment.status not in OPEN_STATUSES or not payment.transaction_id:
        return
    if payment.variant not in settings.PAYMENT_VARIANTS:
        return
    provider = provider_factory(payment.variant)
    if isinstance(provider, StripeProvider):
        provider.refresh(payment)
