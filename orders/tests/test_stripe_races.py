"""Stripe delivers an event more than once, sometimes at the same moment, and may send two events that both say
"paid": on PostgreSQL, where the payment row is locked while an event is applied, the order is paid once."""

import pytest
from django.db import connection
from django.test import Client
from payments import PaymentStatus

from orders.models import OrderStatus, OrderStatusChange, Payment, ProviderEvent
from orders.services import payment_start
from tests.concurrency import run_together
from tests.factories import OrderFactory

from .stripe_events import session_event, signature

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs this there)"),
]


def deliver(body: bytes) -> int:
    response = Client(raise_request_exception=False).post(
        "/payments/process/stripe/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature(body)
    )
    return response.status_code


def test_the_same_event_delivered_five_times_at_once_pays_once(stripe_payments):
    payment = payment_start(order=OrderFactory())
    Payment.objects.filter(pk=payment.pk).update(transaction_id="cs_test_race")
    payment.transaction_id = "cs_test_race"
    completed = session_event(payment)
    succeeded = session_event(payment, "checkout.session.async_payment_succeeded")

    statuses = run_together([lambda: deliver(completed)] * 5 + [lambda: deliver(succeeded)] * 2)

    assert statuses == [200] * 7
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED
    assert list(OrderStatusChange.objects.filter(order=payment.order).values_list("to_status", flat=True)) == [
        OrderStatus.PAID
    ]
    assert ProviderEvent.objects.count() == 2
