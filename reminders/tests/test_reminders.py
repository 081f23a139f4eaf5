"""The abandoned-cart reminder: only with consent, once per cart state, never after an order, in the shopper's
language, with an unsubscribe link that needs no login and refuses a changed token."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from cart.models import Cart
from cart.services import cart_add_product
from config.celery import app as celery_app
from dashboard.selectors import recovered_orders
from orders.services import order_mark_paid
from orders.tests.helpers import place
from reminders import services, tasks
from reminders.forms import CONSENT_HELP, CONSENT_LABEL
from reminders.models import CartReminder, CartReminderState, ReminderConsent
from tests.factories import ProductFactory, ShippingMethodFactory, UserFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture(autouse=True)
def _ten_hours(settings):
    settings.SHOP_CART_ABANDONED_HOURS = 10
    settings.PAYMENT_HOST = "shop.example"


@pytest.fixture
def left_cart():
    """A shopper who agreed to reminders and left a cart 11 hours ago."""
    user = UserFactory(username="ada", email="ada@example.com")
    cart_add_product(user=user, product=ProductFactory(name="Blue Mug", price=Decimal("8.00")), quantity=2)
    leave(user, hours=11)
    services.reminder_consent_set(user=user, agreed=True, language="en")
    return user


def leave(user, *, hours: float) -> None:
    Cart.objects.filter(user=user).update(lines_changed_at=hours_ago(hours))


def run_scheduler(capture) -> None:
    """The scheduler's periodic task, its queued sends run after commit (no broker: in process)."""
    with capture(execute=True):
        tasks.remind_abandoned_carts.delay()


def test_a_shopper_who_agreed_gets_one_reminder_listing_the_cart(left_cart, django_capture_on_commit_callbacks):
    run_scheduler(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"]
    assert message.subject == "Corner Store: your cart is waiting for you"
    assert "2 × Blue Mug at $8.00" in message.body
    assert "Together: $16.00" in message.body
    assert "https://shop.example/cart/" in message.body
    token = re.search(r"https://shop\.example/reminders/stop/([^/]+)/", message.body).group(1)
    assert services.user_of_unsubscribe_token(token) == left_cart
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    reminder = CartReminder.objects.get()
    assert (reminder.state, reminder.value) == (CartReminderState.SENT, Decimal("16.00"))


def test_never_a_second_reminder_for_the_same_cart(left_cart, django_capture_on_commit_callbacks):
    run_scheduler(django_capture_on_commit_callbacks)
    run_scheduler(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    assert CartReminder.objects.count() == 1


def test_a_cart_changed_and_left_again_gets_another(left_cart, django_capture_on_commit_callbacks):
    run_scheduler(django_capture_on_commit_callbacks)
    cart_add_product(user=left_cart, product=ProductFactory(), quantity=1)

    run_scheduler(django_capture_on_commit_callbacks)  # changed just now: not abandoned yet
    assert len(mail.outbox) == 1
    leave(left_cart, hours=12)
    run_scheduler(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2


def test_never_without_consent(left_cart, django_capture_on_commit_callbacks):
    never_asked = UserFactory()
    cart_add_product(user=never_asked, product=ProductFactory(), quantity=1)
    leave(never_asked, hours=11)
    services.reminder_consent_set(user=left_cart, agreed=False, language="en")

    run_scheduler(django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_not_before_the_cart_is_abandoned_nor_for_one_left_long_ago(left_cart, django_capture_on_commit_callbacks):
    leave(left_cart, hours=9)
    run_scheduler(django_capture_on_commit_callbacks)
    leave(left_cart, hours=24 * 8)
    run_scheduler(django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_never_after_an_order(left_cart, django_capture_on_commit_callbacks):
    other = UserFactory()
    cart_add_product(user=other, product=ProductFactory(), quantity=1)
    place(other)
    # An order placed after the cart's last change (another device, say): no reminder.
    cart_add_product(user=other, product=ProductFactory(), quantity=1)
    leave(other, hours=11)
    other.orders.update(created_at=hours_ago(5))
    services.reminder_consent_set(user=other, agreed=True, language="en")

    run_scheduler(django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["ada@example.com"]]


def test_a_reminder_no_longer_due_when_the_worker_gets_to_it_is_not_sent(left_cart):
    (reminder,) = services.reminders_decide(now=timezone.now())  # decided; its send not run yet
    services.reminder_consent_set(user=left_cart, agreed=False, language="en")

    services.reminder_send(reminder_id=reminder.pk)

    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.state == CartReminderState.CANCELLED


def test_an_order_placed_before_the_send_cancels_it(left_cart):
    (reminder,) = services.reminders_decide(now=timezone.now())
    place(left_cart)

    services.reminder_send(reminder_id=reminder.pk)

    assert mail.outbox == []


def test_a_failing_mail_server_leaves_the_reminder_queued_for_a_retry(left_cart, monkeypatch):
    (reminder,) = services.reminders_decide(now=timezone.now())

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refuse)
    retry_in = services.reminder_send(reminder_id=reminder.pk)

    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts, retry_in) == (CartReminderState.QUEUED, 1, 30)
    assert reminder.last_error == "ConnectionRefusedError: mail server down"


def test_the_reminder_is_written_in_the_shoppers_language(left_cart, django_capture_on_commit_callbacks):
    services.reminder_consent_set(user=left_cart, agreed=True, language="fa")

    run_scheduler(django_capture_on_commit_callbacks)

    message = mail.outbox[0]
    assert "سبد خرید" in message.subject
    assert "۱۶٫۰۰" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="fa" dir="rtl">' in html


class TestUnsubscribe:
    def test_the_link_asks_then_stops_reminders_without_logging_in(self, client, left_cart):
        url = reverse("reminders:unsubscribe", kwargs={"token": services.unsubscribe_token(user=left_cart)})

        page = client.get(url)
        assert page.status_code == 200
        assert "Stop cart reminders" in page.content.decode()
        assert ReminderConsent.objects.get(user=left_cart).cart_reminders  # a GET changes nothing

        done = client.post(url)

        assert done.status_code == 200
        assert "you will get no more cart reminders" in done.content.decode()
        assert not ReminderConsent.objects.get(user=left_cart).cart_reminders

    @pytest.mark.parametrize(
        "token",
        [
            lambda user: services.unsubscribe_token(user=user)[:-2] + "xx",  # changed signature
            lambda user: signing.dumps(user.pk + 1, salt="something else"),  # another purpose's signature
            lambda user: signing.dumps(user.pk),  # no purpose
            lambda user: "nonsense",
        ],
        ids=["changed", "other purpose", "unsalted", "nonsense"],
    )
    def test_a_tampered_link_is_refused(self, client, left_cart, token):
        url = reverse("reminders:unsubscribe", kwargs={"token": token(left_cart)})

        response = client.post(url)

        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
        assert ReminderConsent.objects.get(user=left_cart).cart_reminders


class TestConsent:
    def test_off_by_default_and_chosen_in_the_account(self, shopper_client, user):
        url = reverse("reminders:preferences")

        page = shopper_client.get(url).content.decode()
        assert 'name="cart_reminders"' in page
        assert "checked" not in page.split('name="cart_reminders"')[1].split(">")[0]

        shopper_client.post(url, {"cart_reminders": "on"}, HTTP_ACCEPT_LANGUAGE="fa")
        consent = ReminderConsent.objects.get(user=user)
        assert (consent.cart_reminders, consent.language) == (True, "fa")

        shopper_client.post(url, {})
        assert not ReminderConsent.objects.get(user=user).cart_reminders

    @pytest.mark.parametrize("page", ["reminders:preferences", "orders:checkout"])
    def test_the_checkbox_is_labelled_and_read_with_its_help(self, shopper_client, user, page):
        ShippingMethodFactory()
        cart_add_product(user=user, product=ProductFactory(), quantity=1)

        html = shopper_client.get(reverse(page)).content.decode()

        checkbox = re.search(r'<input type="checkbox"[^>]*name="cart_reminders"[^>]*>', html).group()
        checkbox_id = re.search(r' id="([^"]+)"', checkbox).group(1)
        help_id = re.search(r'aria-describedby="([^"]+)"', checkbox).group(1)
        assert re.search(rf'<label for="{checkbox_id}"[^>]*>{re.escape(escape(str(CONSENT_LABEL)))}</label>', html)
        assert re.search(rf'id="{help_id}"[^>]*>{re.escape(escape(str(CONSENT_HELP)))}<', html)

    def test_the_account_page_needs_a_login(self, client):
        response = client.get(reverse("reminders:preferences"))

        assert response.status_code == 302

    def test_off_at_checkout_and_saved_with_the_order_when_ticked(self, shopper_client, user):
        ShippingMethodFactory()
        cart_add_product(user=user, product=ProductFactory(), quantity=1)
        page = shopper_client.get(reverse("orders:checkout")).content.decode()
        assert "checked" not in page.split('name="cart_reminders"')[1].split(">")[0]
        form = checkout_form(page)

        response = shopper_client.post(reverse("orders:place"), {**form, "cart_reminders": "on"})

        assert response.status_code == 303
        assert ReminderConsent.objects.get(user=user).cart_reminders

    def test_checkout_shows_the_consent_given_before(self, shopper_client, user):
        services.reminder_consent_set(user=user, agreed=True, language="en")
        cart_add_product(user=user, product=ProductFactory(), quantity=1)

        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        assert "checked" in page.split('name="cart_reminders"')[1].split(">")[0]


def checkout_form(page: str) -> dict[str, str]:
    """The checkout form's filled-in values as the page shows them (inputs and the chosen shipping method)."""
    values = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    values.pop("cart_reminders", None)
    values |= {
        "full_name": "Ada Lovelace",
        "street": "12 Analytical Row",
        "city": "Springfield",
        "postal_code": "12345",
        "country": "US",
        "shipping_method": re.search(r'name="shipping_method" value="(\d+)"', page).group(1),
    }
    return values


def test_an_order_within_7_days_of_a_reminder_is_recovered_once(left_cart, django_capture_on_commit_callbacks):
    run_scheduler(django_capture_on_commit_callbacks)
    first = place(left_cart).order
    order_mark_paid(order=first, changed_by=None)
    cart_add_product(user=left_cart, product=ProductFactory(), quantity=1)
    second = place(left_cart).order
    order_mark_paid(order=second, changed_by=None)
    since = timezone.now() - datetime.timedelta(days=1)

    assert recovered_orders(since=since, now=timezone.now()) == [first]
    # Another reminder before the same order changes nothing: each order is counted once.
    CartReminder.objects.create(
        cart=left_cart.cart, user=left_cart, cart_changed_at=hours_ago(30), language="en", sent_at=hours_ago(20)
    )
    assert recovered_orders(since=since, now=timezone.now()) == [first]


def test_an_order_more_than_7_days_after_the_reminder_is_not_recovered(left_cart, django_capture_on_commit_callbacks):
    run_scheduler(django_capture_on_commit_callbacks)
    CartReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    order_mark_paid(order=place(left_cart).order, changed_by=None)

    assert recovered_orders(since=timezone.now() - datetime.timedelta(days=30), now=timezone.now()) == []


def test_the_scheduler_decides_the_reminders():
    scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}

    assert "reminders.tasks.remind_abandoned_carts" in scheduled
    assert {"reminders.tasks.remind_abandoned_carts", "reminders.tasks.send_cart_reminder"} <= set(celery_app.tasks)
