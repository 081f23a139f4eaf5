"""The outbox: an order's email is recorded with the order, sent once by the task queue after commit, tried again
while the mail server fails, then shown as failed to the owner, who can resend it."""

import logging
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from orders import emails, tasks
from orders.models import Order, OrderEmail, OrderEmailKind, OrderEmailState
from tests.factories import CartItemFactory, ShippingMethodFactory
from tests.mail import closed_port, hanging_mail_server, smtp_sink

from .helpers import checkout_form, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def cart_owner():
    # Its own shipping method: a transactional test run earlier flushes the ones the migrations seed.
    ShippingMethodFactory()
    return CartItemFactory(quantity=1, product__name="Blue Mug", product__stock=5).cart.user


@pytest.fixture
def smtp(settings):
    """Mail goes out over SMTP as in production, to the loopback port a test sets in EMAIL_PORT."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    return settings


@pytest.fixture
def broker():
    """Tasks go to the broker (the test settings' in-memory one) as in production instead of running in the request;
    yields its queue."""
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write() as connection_to_broker:
        queue = connection_to_broker.SimpleQueue("celery")
        yield queue
        queue.close()
    celery_app.conf.task_always_eager = True


def queued_tasks(queue) -> list[tuple[str, list]]:
    """The task messages waiting for a worker: (task name, arguments)."""
    found = []
    while True:
        try:
            message = queue.get_nowait()
        except queue.Empty:
            return found
        message.ack()
        found.append((message.headers["task"], message.payload[0]))


def make_due(email: OrderEmail) -> None:
    """The backoff's wait is over."""
    OrderEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())


def test_the_confirmation_is_recorded_with_the_order_and_sent_only_after_it_commits(
    cart_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        order = place(cart_owner).order

    email = order.emails.get()
    assert (email.kind, email.state, email.attempts) == (OrderEmailKind.CONFIRMATION, OrderEmailState.QUEUED, 0)
    assert mailoutbox == []

    for callback in callbacks:
        callback()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (OrderEmailState.SENT, 1)
    assert [mail.subject for mail in mailoutbox] == [f"Corner Store: your order {order.reference}"]


def test_a_second_delivery_of_the_task_sends_nothing_more(cart_owner, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = place(cart_owner).order.emails.get()

    tasks.send_order_email.delay(email.pk)
    tasks.send_due_order_emails.delay()

    assert len(mailoutbox) == 1


def test_place_order_answers_with_the_payment_page_while_the_mail_server_hangs(
    client, cart_owner, smtp, broker, django_capture_on_commit_callbacks, caplog
):
    client.force_login(cart_owner)
    with hanging_mail_server() as port:
        smtp.EMAIL_PORT = port
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("orders:place"), checkout_form(client), follow=True)

        order = Order.objects.get(user=cart_owner)
        email = order.emails.get()
        assert response.status_code == 200
        payment = order.payments.get()
        assert response.redirect_chain == [(reverse("orders:payment", kwargs={"token": payment.token}), 303)]
        assert "Pay $" in response.content.decode()
        assert queued_tasks(broker) == [("orders.tasks.send_order_email", [email.pk])]

        # The worker's attempt gives up after EMAIL_TIMEOUT and is tried again later.
        with caplog.at_level(logging.WARNING, logger="orders.emails"):
            assert emails.order_email_send(email_id=email.pk) == 30
        email.refresh_from_db()
        assert (email.state, email.attempts) == (OrderEmailState.QUEUED, 1)
        assert "timed out" in email.last_error
        assert f"confirmation email for order {order.reference} (attempt 1 of 8, next in 30 s)" in caplog.text

    with smtp_sink() as (port, received):
        smtp.EMAIL_PORT = port
        make_due(email)
        assert emails.order_email_send(email_id=email.pk) is None
        assert emails.order_email_send(email_id=email.pk) is None

    assert [message["Subject"] for message in received] == [f"Corner Store: your order {order.reference}"]
    email.refresh_from_db()
    assert (email.state, email.attempts) == (OrderEmailState.SENT, 2)


def test_a_closed_mail_port_is_retried_with_backoff_then_failed_and_the_owner_resends(
    cart_owner, smtp, admin_client, django_capture_on_commit_callbacks, caplog
):
    smtp.EMAIL_PORT = closed_port()
    smtp.ORDER_EMAIL_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        order = place(cart_owner).order  # no broker: the first attempt runs right after the commit
    email = order.emails.get()
    assert email.next_attempt_at > timezone.now() + timedelta(seconds=25)

    delays = []
    with caplog.at_level(logging.WARNING, logger="orders.emails"):
        for _attempt in range(2):
            make_due(email)
            delays.append(emails.order_email_send(email_id=email.pk))
    assert delays == [60, None]
    email.refresh_from_db()
    assert (email.state, email.attempts) == (OrderEmailState.FAILED, 3)
    assert "ConnectionRefusedError" in email.last_error
    assert f"Gave up sending the confirmation email for order {order.reference} after 3 attempts" in caplog.text

    page = admin_client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    assert "Failed" in page
    assert "ConnectionRefusedError" in page
    resend_url = reverse("admin:orders_order_resend_email", args=[order.pk, email.pk])
    assert f'formaction="{resend_url}"' in page

    with smtp_sink() as (port, received):
        smtp.EMAIL_PORT = port
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(resend_url, follow=True)

    assert [message["Subject"] for message in received] == [f"Corner Store: your order {order.reference}"]
    assert f"Queued to send again: {order.reference} (Order confirmation)." in response.content.decode()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (OrderEmailState.SENT, 1)


def test_the_owner_resends_failed_emails_from_the_list(
    cart_owner, admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    order = place(cart_owner).order
    OrderEmail.objects.filter(order=order).update(state=OrderEmailState.FAILED, attempts=8, last_error="timed out")
    changelist = reverse("admin:orders_orderemail_changelist")

    listing = admin_client.get(changelist, {"state__exact": "failed"}).content.decode()
    assert order.reference in listing
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(changelist, {"action": "resend", "_selected_action": [order.emails.get().pk]})

    assert [mail.subject for mail in mailoutbox] == [f"Corner Store: your order {order.reference}"]
    assert order.emails.get().state == OrderEmailState.SENT


def test_resend_is_a_post_for_staff_who_may_change_orders(cart_owner, client, admin_client, mailoutbox):
    order = place(cart_owner).order
    url = reverse("admin:orders_order_resend_email", args=[order.pk, order.emails.get().pk])

    assert admin_client.get(url).status_code == 405
    client.force_login(cart_owner)
    assert client.post(url).status_code == 302  # to the admin's login page
    assert mailoutbox == []


def test_an_email_never_handed_to_the_queue_is_sent_by_the_scheduler_sweep(cart_owner, mailoutbox):
    order = place(cart_owner).order  # its on-commit hand-over never runs here: a broker that was down

    tasks.send_due_order_emails.delay()
    tasks.send_due_order_emails.delay()

    assert [mail.subject for mail in mailoutbox] == [f"Corner Store: your order {order.reference}"]


def test_marking_shipped_records_the_shipped_email_with_the_status(cart_owner, admin_client, mailoutbox):
    order = place(cart_owner).order
    changelist = reverse("admin:orders_order_changelist")
    for action in ("order_mark_paid", "order_mark_shipped", "order_mark_shipped"):
        admin_client.post(changelist, {"action": action, "_selected_action": [order.pk]})

    assert list(order.emails.values_list("kind", "state")) == [
        (OrderEmailKind.CONFIRMATION, OrderEmailState.QUEUED),
        (OrderEmailKind.SHIPPED, OrderEmailState.QUEUED),
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_worker_dying_mid_send_leaves_the_email_for_the_next_one_which_sends_it_once(cart_owner, mailoutbox):
    email = place(cart_owner).order.emails.get()  # committed; the eager send went to the test outbox
    mailoutbox.clear()
    OrderEmail.objects.filter(pk=email.pk).update(state=OrderEmailState.QUEUED, attempts=0)
    mid_send, die = threading.Event(), threading.Event()

    def dying_worker() -> None:
        try:
            with transaction.atomic():
                OrderEmail.objects.select_for_update().get(pk=email.pk)
                mid_send.set()
                die.wait(10)
                raise SystemExit  # killed before it recorded anything: its transaction rolls back
        except SystemExit:
            pass
        finally:
            connection.close()

    worker = threading.Thread(target=dying_worker)
    worker.start()
    assert mid_send.wait(10)
    assert emails.order_email_send(email_id=email.pk) is None  # another worker skips the locked row
    assert mailoutbox == []
    die.set()
    worker.join(10)

    assert emails.order_email_send(email_id=email.pk) is None
    assert emails.order_email_send(email_id=email.pk) is None
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert (email.state, email.attempts) == (OrderEmailState.SENT, 1)
