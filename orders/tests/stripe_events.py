"""Stripe webhook events as Stripe sends them, signed as its documentation describes: ``Stripe-Signature:
t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the endpoint's secret>``."""

import hashlib
import hmac
import json
import time
import uuid

from orders.models import Payment

WEBHOOK_SECRET = "whsec_test_endpoint_secret"
STRIPE_VARIANTS = {
    "default": ("orders.providers.DemoProvider", {}),
    "stripe": ("orders.providers.StripeProvider", {"api_key": "sk_test_unused", "endpoint_secret": WEBHOOK_SECRET}),
}


def signature(body: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def session_event(payment: Payment, event_type: str = "checkout.session.completed", **session) -> bytes:
    """A Checkout Session event about ``payment`` (its session id, token and amount), as JSON bytes."""
    event = {
        "id": f"evt_{uuid.uuid4().hex}",
        "object": "event",
        "type": event_type,
        "data": {
            "object": {
                "id": payment.transaction_id,
                "object": "checkout.session",
                "client_reference_id": payment.token,
                "amount_total": int(payment.total * 100),
                "currency": payment.currency.lower(),
                "payment_status": "paid",
                "status": "complete",
                **session,
            }
        },
    }
    return json.dumps(event).encode()
