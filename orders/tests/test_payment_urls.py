"""django-payments' callback URLs as anyone can call them: nothing they send changes a payment, and no answer is a 500.

Before the shop answered them itself, ``?verification_result=confirmed`` paid an order for anyone holding the link.
"""

import logging
import uuid
from decimal import Decimal
from urllib.parse import quote_from_bytes

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from payments import PaymentStatus

from orders import models
from orders.models import KNOWN_PAYMENT_STATUSES, OrderStatus, Payment
from orders.services import payment_start
from tests.factories import OrderFactory

from .stripe_events import session_event, signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment():
    return payment_start(order=OrderFactory())


def process_url(payment: Payment) -> str:
    return reverse("process_payment", kwargs={"token": payment.token})


class TestTheDemoProvidersCallback:
    @pytest.mark.parametrize("outcome", ["confirmed", "preauth"])
    def test_a_status_in_the_query_string_pays_nothing(self, client_seeing_errors, payment, outcome):
        response = client_seeing_errors.get(process_url(payment), {"verification_result": outcome})

        assert response.status_code == 302
        assert response["Location"] == payment.order.get_absolute_url()
        payment.refresh_from_db()
        payment.order.refresh_from_db()
        assert payment.status == PaymentStatus.WAITING
        assert payment.order.status == OrderStatus.AWAITING_PAYMENT

    @pytest.mark.parametrize("outcome", ["bogus", "x" * 40])
    def test_an_unknown_status_is_never_stored(self, client_seeing_errors, payment, outcome):
        response = client_seeing_errors.get(process_url(payment), {"verification_result": outcome})

        assert response.status_code == 302
        payment.refresh_from_db()
        assert payment.status == PaymentStatus.WAITING

    def test_a_post_pays_nothing_either(self, client_seeing_errors, payment):
        response = client_seeing_errors.post(
            process_url(payment), {"verification_result": "confirmed", "status": "confirmed"}
        )

        assert response.status_code == 302
        payment.refresh_from_db()
        assert payment.status == PaymentStatus.WAITING

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_its_shared_url_is_a_bad_request(self, client_seeing_errors, method):
        response = getattr(client_seeing_errors, method)(
            reverse("static_process_payment", kwargs={"variant": "default"})
        )

        assert response.status_code == 400


class TestUnknownPaymentsAndProviders:
    def test_an_unknown_token_is_404(self, client_seeing_errors):
        assert client_seeing_errors.get(reverse("process_payment", kwargs={"token": uuid.uuid4()})).status_code == 404

    def test_a_token_that_is_not_one_is_404(self, client_seeing_errors):
        assert client_seeing_errors.get("/payments/process/not-a-token-at-all-0000/").status_code == 404

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_an_unknown_provider_is_404(self, client_seeing_errors, method):
        assert getattr(client_seeing_errors, method)("/payments/process/paypal/").status_code == 404

    def test_stripe_is_unknown_where_it_is_not_configured(self, client_seeing_errors):
        assert (
            client_seeing_errors.post("/payments/process/stripe/", b"{}", content_type="application/json").status_code
            == 404
        )

    def test_a_payment_whose_provider_is_gone_is_404(self, client_seeing_errors, payment):
        Payment.objects.filter(pk=payment.pk).update(variant="paypal")

        assert client_seeing_errors.get(process_url(payment)).status_code == 404


class TestStatusColumn:
    def test_the_database_refuses_an_unknown_status(self, payment):
        with pytest.raises(IntegrityError), transaction.atomic():
            Payment.objects.filter(pk=payment.pk).update(status="bogus")

    def test_change_status_refuses_an_unknown_status(self, payment):
        from payments import PaymentError

        with pytest.raises(PaymentError):
            payment.change_status("bogus")
        payment.refresh_from_db()
        assert payment.status == PaymentStatus.WAITING


def test_the_order_page_shows_a_status_it_has_no_label_for_as_unknown_and_logs_it(
    client_seeing_errors, payment, monkeypatch, caplog
):
    # As if django-payments reported a status this shop has no words for.
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PREAUTH)
    monkeypatch.setattr(models, "PAYMENT_OUTCOME_LABELS", {})
    client_seeing_errors.force_login(payment.order.user)

    with caplog.at_level(logging.ERROR, logger="orders.models"):
        response = client_seeing_errors.get(payment.order.get_absolute_url())

    assert response.status_code == 200
    assert 'data-testid="payment-status">Unknown<' in response.content.decode()
    assert "unknown status 'preauth'" in caplog.text


# --- Anything at all, at every payment URL --------------------------------------------------------------------

fuzz = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
nasty = st.sampled_from(
    ["confirmed", "bogus", "x" * 40, "\x00", "' OR '1'='1' --", "t=1,v1=00", '{"type": "checkout.session.completed"}']
)
values = st.one_of(nasty, st.text(), st.binary().map(lambda raw: quote_from_bytes(raw, safe="")))
names = st.one_of(st.sampled_from(["verification_result", "status", "token", "type", "data"]), st.text(min_size=1))


@fuzz
@given(
    target=st.sampled_from(["demo", "stripe", "default", "stripe-shared", "unknown"]),
    method=st.sampled_from(["get", "post"]),
    params=st.dictionaries(names, values, max_size=4),
    body=st.one_of(st.binary(max_size=300), values.map(str.encode)),
    signed=st.booleans(),
)
def test_no_input_breaks_a_payment_url_or_pays(
    client_seeing_errors, stripe_payments, target, method, params, body, signed
):
    demo = payment_start(order=OrderFactory())
    stripe = Payment.objects.create(
        order=OrderFactory(), variant="stripe", total=demo.total, currency="USD", transaction_id="cs_test_1"
    )
    url = {
        "demo": process_url(demo),
        "stripe": process_url(stripe),
        "default": "/payments/process/default/",
        "stripe-shared": "/payments/process/stripe/",
        "unknown": "/payments/process/unknown/",
    }[target]
    query = "&".join(f"{quote_from_bytes(name.encode(), safe='')}={value}" for name, value in params.items())
    headers = {"HTTP_STRIPE_SIGNATURE": signature(body)} if signed else {}

    if method == "get":
        response = client_seeing_errors.get(f"{url}?{query}", **headers)
    else:
        response = client_seeing_errors.post(f"{url}?{query}", body, content_type="application/json", **headers)

    assert response.status_code < 500
    assert set(Payment.objects.values_list("status", flat=True)) <= set(KNOWN_PAYMENT_STATUSES)
    assert Payment.objects.get(pk=demo.pk).status == PaymentStatus.WAITING
    assert Payment.objects.get(pk=stripe.pk).status == PaymentStatus.WAITING


def test_the_fuzzed_urls_do_move_a_payment_given_a_real_stripe_event(client_seeing_errors, stripe_payments):
    """The fuzz above would pass if nothing could ever pay: a signed event about the payment does."""
    stripe = Payment.objects.create(
        order=OrderFactory(), variant="stripe", total=Decimal("20.95"), currency="USD", transaction_id="cs_test_1"
    )
    body = session_event(stripe)

    response = client_seeing_errors.post(
        "/payments/process/stripe/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature(body)
    )

    assert response.status_code == 200
    assert Payment.objects.get(pk=stripe.pk).status == PaymentStatus.CONFIRMED
