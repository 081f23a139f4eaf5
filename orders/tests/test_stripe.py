"""Stripe's webhook, with events built and signed in the test as Stripe's documentation describes: only an event
Stripe signed with this endpoint's secret moves a payment, once, and only while the payment is open."""

import json
import time
from decimal import Decimal

import pytest
import stripe
from payments import PaymentStatus

from orders.models import OrderStatus, Payment, ProviderEvent
from orders.services import payment_start
from tests.factories import OrderFactory

from .stripe_events import session_event, signature

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/process/stripe/"


@pytest.fixture
def payment(stripe_payments):
    """A Stripe payment of a $20.95 order whose Checkout Session was created."""
    payment = payment_start(order=OrderFactory())
    payment.transaction_id = "cs_test_a1"
    payment.save(update_fields=["transaction_id"])
    return payment


def deliver(client, body: bytes, *, url: str = WEBHOOK, **headers):
    return client.post(url, body, content_type="application/json", **headers)


def signed(client, body: bytes, **signing):
    return deliver(client, body, HTTP_STRIPE_SIGNATURE=signature(body, **signing))


def statuses(payment: Payment) -> tuple[str, str]:
    payment.refresh_from_db()
    payment.order.refresh_from_db()
    return payment.status, payment.order.status


def test_a_signed_completed_session_pays_the_order(client_seeing_errors, payment):
    response = signed(client_seeing_errors, session_event(payment))

    assert response.status_code == 200
    assert statuses(payment) == (PaymentStatus.CONFIRMED, OrderStatus.PAID)
    assert payment.captured_amount == Decimal("20.95")


def test_the_per_payment_url_verifies_the_same_way(client_seeing_errors, payment):
    body = session_event(payment)
    url = payment.get_process_url()

    assert deliver(client_seeing_errors, body, url=url).status_code == 400
    assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)
    assert deliver(client_seeing_errors, body, url=url, HTTP_STRIPE_SIGNATURE=signature(body)).status_code == 200
    assert statuses(payment) == (PaymentStatus.CONFIRMED, OrderStatus.PAID)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "t=1,v1=deadbeef",
        "garbage",
        "v1=0000",
    ],
    ids=["missing", "empty", "wrong", "garbled", "no-timestamp"],
)
def test_a_missing_or_wrong_signature_is_refused_and_changes_nothing(client_seeing_errors, payment, header):
    headers = {} if header is None else {"HTTP_STRIPE_SIGNATURE": header}

    response = deliver(client_seeing_errors, session_event(payment), **headers)

    assert response.status_code == 400
    assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)
    assert not ProviderEvent.objects.exists()


def test_a_signature_made_with_another_secret_is_refused(client_seeing_errors, payment):
    body = session_event(payment)

    response = deliver(client_seeing_errors, body, HTTP_STRIPE_SIGNATURE=signature(body, secret="whsec_someone_else"))

    assert response.status_code == 400
    assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)


def test_a_signed_body_changed_afterwards_is_refused(client_seeing_errors, payment):
    body = session_event(payment, payment_status="unpaid")
    header = signature(body)

    response = deliver(client_seeing_errors, body.replace(b'"unpaid"', b'"paid"'), HTTP_STRIPE_SIGNATURE=header)

    assert response.status_code == 400
    assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)


def test_an_old_event_is_refused_even_when_its_signature_is_right(client_seeing_errors, payment):
    response = signed(client_seeing_errors, session_event(payment), timestamp=int(time.time()) - 3600)

    assert response.status_code == 400
    assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)


def test_a_replayed_event_changes_nothing_twice(client_seeing_errors, payment):
    body = session_event(payment)
    assert signed(client_seeing_errors, body).status_code == 200
    # The owner refunded the payment meanwhile; the same event again must not confirm it again.
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.REFUNDED)

    response = signed(client_seeing_errors, body)

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "already processed"}
    assert statuses(payment) == (PaymentStatus.REFUNDED, OrderStatus.PAID)
    assert payment.order.status_changes.count() == 1  # OrderFactory writes no history: the one change is "paid"
    assert ProviderEvent.objects.count() == 1


def test_a_late_expiry_does_not_undo_a_payment(client_seeing_errors, payment):
    signed(client_seeing_errors, session_event(payment))

    response = signed(client_seeing_errors, session_event(payment, "checkout.session.expired", status="expired"))

    assert response.status_code == 200
    assert statuses(payment) == (PaymentStatus.CONFIRMED, OrderStatus.PAID)


def test_an_expired_session_cancels_the_payment_and_the_order_waits_for_another(client_seeing_errors, payment):
    response = signed(
        client_seeing_errors,
        session_event(payment, "checkout.session.expired", status="expired", payment_status="unpaid"),
    )

    assert response.status_code == 200
    assert statuses(payment) == (PaymentStatus.CANCELLED, OrderStatus.AWAITING_PAYMENT)


def test_a_delayed_payment_waits_for_its_outcome(client_seeing_errors, payment):
    signed(client_seeing_errors, session_event(payment, payment_status="unpaid"))
    assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)

    signed(
        client_seeing_errors, session_event(payment, "checkout.session.async_payment_failed", payment_status="unpaid")
    )

    assert statuses(payment) == (PaymentStatus.REJECTED, OrderStatus.AWAITING_PAYMENT)


def test_a_delayed_payment_that_succeeds_pays_the_order(client_seeing_errors, payment):
    signed(client_seeing_errors, session_event(payment, "checkout.session.async_payment_succeeded"))

    assert statuses(payment) == (PaymentStatus.CONFIRMED, OrderStatus.PAID)


def test_a_session_paid_for_a_different_amount_does_not_pay_the_order(client_seeing_errors, payment, caplog):
    response = signed(client_seeing_errors, session_event(payment, amount_total=1))

    assert response.status_code == 200
    assert statuses(payment) == (PaymentStatus.ERROR, OrderStatus.AWAITING_PAYMENT)
    assert "paid 1 usd for payment" in caplog.text


def test_an_event_about_another_session_is_refused(client_seeing_errors, payment):
    response = signed(client_seeing_errors, session_event(payment, id="cs_test_someone_elses"))

    assert response.status_code == 400
    assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)
    assert not ProviderEvent.objects.exists()  # refused whole: Stripe's retry is not taken for a replay


def test_an_event_naming_no_payment_of_the_shop_is_refused(client_seeing_errors, payment):
    body = session_event(payment, client_reference_id="not-a-token")

    assert signed(client_seeing_errors, body).status_code == 400


def test_an_event_naming_a_demo_payment_is_404(client_seeing_errors, payment):
    demo = Payment.objects.create(order=payment.order, variant="default", total=payment.total, currency="USD")
    demo.transaction_id = payment.transaction_id
    body = session_event(demo)

    assert signed(client_seeing_errors, body).status_code == 404
    assert statuses(demo)[0] == PaymentStatus.WAITING


def test_other_event_types_are_acknowledged_and_ignored(client_seeing_errors, payment):
    body = session_event(payment, "checkout.session.something_new")

    response = signed(client_seeing_errors, body)

    assert response.status_code == 200
    assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)


class TestBackFromStripe:
    """The shopper's return lands on the order page, which asks Stripe for the session, server to server."""

    @pytest.fixture
    def stripe_says(self, monkeypatch):
        """Answer the shop's session retrievals with the given session fields (or raise the given error)."""
        asked: list[str] = []

        def answer_with(session: dict | Exception) -> list[str]:
            def retrieve(service, session_id, params=None, options=None):
                asked.append(session_id)
                if isinstance(session, Exception):
                    raise session
                return stripe.checkout.Session.construct_from({"id": session_id, **session}, "sk_test_unused")

            monkeypatch.setattr(stripe.checkout.SessionService, "retrieve", retrieve)
            return asked

        return answer_with

    @pytest.fixture
    def buyer_client_seeing_errors(self, client_seeing_errors, payment):
        """The root conftest's client_seeing_errors, logged in as the shopper whose order the payment is for."""
        client_seeing_errors.force_login(payment.order.user)
        return client_seeing_errors

    def test_a_paid_session_pays_the_order_before_the_webhook(self, buyer_client_seeing_errors, payment, stripe_says):
        asked = stripe_says(PAID_SESSION)

        page = buyer_client_seeing_errors.get(payment.order.get_absolute_url()).content.decode()

        assert asked == ["cs_test_a1"]
        assert statuses(payment) == (PaymentStatus.CONFIRMED, OrderStatus.PAID)
        assert "Payment received — thank you!" in page
        assert 'data-testid="payment-status">Paid<' in page

    def test_an_open_session_stays_waiting_and_payable(self, buyer_client_seeing_errors, payment, stripe_says):
        stripe_says(PAID_SESSION | {"status": "open", "payment_status": "unpaid"})

        page = buyer_client_seeing_errors.get(payment.order.get_absolute_url()).content.decode()

        assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)
        assert "Waiting for payment" in page
        assert "Try paying again" in page

    def test_an_expired_session_says_cancelled(self, buyer_client_seeing_errors, payment, stripe_says):
        stripe_says(PAID_SESSION | {"status": "expired", "payment_status": "unpaid"})

        page = buyer_client_seeing_errors.get(payment.order.get_absolute_url()).content.decode()

        assert statuses(payment) == (PaymentStatus.CANCELLED, OrderStatus.AWAITING_PAYMENT)
        assert "The payment was cancelled and nothing was charged. You can try again." in page

    def test_a_session_paid_for_another_amount_pays_nothing(self, buyer_client_seeing_errors, payment, stripe_says):
        stripe_says(PAID_SESSION | {"amount_total": 100})

        buyer_client_seeing_errors.get(payment.order.get_absolute_url())

        assert statuses(payment) == (PaymentStatus.ERROR, OrderStatus.AWAITING_PAYMENT)

    def test_stripe_unreachable_leaves_the_page_as_it_was(
        self, buyer_client_seeing_errors, payment, stripe_says, caplog
    ):
        stripe_says(stripe.APIConnectionError("connection refused"))

        response = buyer_client_seeing_errors.get(payment.order.get_absolute_url())

        assert response.status_code == 200
        assert "Waiting for payment" in response.content.decode()
        assert statuses(payment) == (PaymentStatus.WAITING, OrderStatus.AWAITING_PAYMENT)
        assert "not retrieved" in caplog.text

    def test_a_paid_order_asks_stripe_nothing(self, buyer_client_seeing_errors, payment, stripe_says):
        asked = stripe_says(PAID_SESSION)
        buyer_client_seeing_errors.get(payment.order.get_absolute_url())

        buyer_client_seeing_errors.get(payment.order.get_absolute_url())

        assert asked == ["cs_test_a1"]


PAID_SESSION = {"status": "complete", "payment_status": "paid", "amount_total": 2095, "currency": "usd"}
