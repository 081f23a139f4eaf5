"""The shopper's say over cart reminders: off until ticked in the account, and the email's link stops them
without logging in. With and without JavaScript, in English and Persian."""

import pytest
from playwright.sync_api import Page, expect

from reminders.models import ReminderConsent
from reminders.services import reminder_consent_set, unsubscribe_token
from tests.factories import UserFactory

from .conftest import assert_accessible, assert_accessible_without_javascript, save_screenshot, use_language


def choose_reminders(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_text("Account", exact=True).click()
    page.get_by_role("link", name="Cart reminders").click()
    box = page.get_by_role("checkbox", name="Email me a reminder if I leave things in my cart")
    expect(box).not_to_be_checked()
    box.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("We will remind you of a cart you leave.")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Email me a reminder if I leave things in my cart")).to_be_checked()


def test_reminders_are_chosen_in_the_account(page: Page, live_server, transactional_db, log_in):
    user = UserFactory()
    log_in(user)

    choose_reminders(page, live_server)

    assert_accessible(page)
    assert ReminderConsent.objects.get(user=user).cart_reminders
    page.reload()
    expect(page.get_by_role("checkbox", name="Email me a reminder if I leave things in my cart")).to_be_checked()


def test_reminders_are_chosen_in_the_account_without_javascript(
    no_js_page: Page, live_server, transactional_db, log_in
):
    user = UserFactory()
    log_in(user, no_js_page.context)

    choose_reminders(no_js_page, live_server)

    assert_accessible_without_javascript(no_js_page)
    assert ReminderConsent.objects.get(user=user).cart_reminders
    no_js_page.reload()
    expect(no_js_page.get_by_role("checkbox", name="Email me a reminder if I leave things in my cart")).to_be_checked()


@pytest.mark.parametrize(
    ("language", "button", "done"),
    [
        ("en", "Stop cart reminders", "you will get no more cart reminders"),
        ("fa", "قطع یادآوری‌های سبد خرید", "دیگر یادآوری سبد خرید نمی‌گیرید"),
    ],
)
def test_the_emails_link_stops_reminders_without_logging_in(
    page: Page, live_server, transactional_db, language, button, done
):
    user = UserFactory()
    reminder_consent_set(user=user, agreed=True, language=language)
    use_language(page, live_server, language)

    page.goto(f"{live_server.url}/reminders/stop/{unsubscribe_token(user=user)}/")
    assert_accessible(page)
    page.get_by_role("button", name=button).click()

    expect(page.get_by_text(done)).to_be_visible()
    save_screenshot(page, f"reminders-stopped-{language}")
    assert not ReminderConsent.objects.get(user=user).cart_reminders
    expect(page.get_by_role("button", name=button)).to_have_count(0)  # nothing left to stop


def test_a_changed_link_stops_nothing(page: Page, live_server, transactional_db):
    user = UserFactory()
    reminder_consent_set(user=user, agreed=True, language="en")

    page.goto(f"{live_server.url}/reminders/stop/{unsubscribe_token(user=user)[:-3]}abc/")

    expect(page.get_by_text("This link is not valid")).to_be_visible()
    assert ReminderConsent.objects.get(user=user).cart_reminders
    expect(page.get_by_role("button", name="Stop cart reminders")).to_have_count(0)  # no button to stop them with
