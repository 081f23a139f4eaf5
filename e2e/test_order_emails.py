"""The owner sees an order's failed email in the admin and sends it again, with and without JavaScript."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from orders.models import OrderEmail, OrderEmailState
from orders.tests.helpers import place
from tests.factories import CartItemFactory, UserFactory


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_owner_resends_a_failed_email_from_the_order_page(
    page: Page, no_js_page: Page, live_server, log_in, transactional_db, javascript
):
    browser_page = page if javascript else no_js_page
    order = place(CartItemFactory(product__name="Blue Mug").cart.user).order
    OrderEmail.objects.filter(order=order).update(
        state=OrderEmailState.FAILED, attempts=8, last_error="ConnectionRefusedError: [Errno 111] Connection refused"
    )
    mail.outbox.clear()
    log_in(UserFactory(is_staff=True, is_superuser=True), browser_page.context)

    browser_page.goto(f"{live_server.url}/admin/orders/order/{order.pk}/change/")
    expect(browser_page.get_by_text("ConnectionRefusedError: [Errno 111] Connection refused")).to_be_visible()
    browser_page.get_by_role("button", name="Resend").click()

    expect(browser_page.get_by_text(f"Queued to send again: {order.reference} (Order confirmation).")).to_be_visible()
    assert OrderEmail.objects.get(order=order).state == OrderEmailState.SENT
    assert [message.subject for message in mail.outbox] == [f"Corner Store: your order {order.reference}"]
    expect(browser_page.get_by_text("ConnectionRefusedError")).to_have_count(0)  # the row now says it was sent
