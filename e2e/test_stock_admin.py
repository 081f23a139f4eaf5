"""The owner's stock book in the admin: goods received, a recount, and a recount refused because a sale came first."""

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from store.models import Product, StockReason
from store.services import stock_adjust, stock_allocate, stock_recount
from tests.factories import UserFactory

from .conftest import DESKTOP, assert_accessible, save_screenshot, use_language

WORDS = {
    "en": {
        "adjust_link": "Adjust or recount",
        "change": "Change",
        "reason": "Reason",
        "receipt": "Goods received",
        "note": "Note",
        "record_change": "Record the change",
        "counted": "Counted on the shelf",
        "record_count": "Record the count",
        "received": "Hand Grinder: +12 (Goods received). On hand 22, allocated 0, available 22.",
        "counted_message": "Hand Grinder: -1 (Recount). On hand 21, allocated 0, available 21.",
        "refused": "Hand Grinder: on hand changed from 21 to 24 since the page was loaded. "
        "Nothing was recorded: count again against 24.",
        "recounted": "Hand Grinder: -4 (Recount). On hand 20, allocated 2, available 18.",
        "twelve": "12",
        "twenty_one": "21",
        "twenty": "20",
    },
    "fa": {
        "adjust_link": "تغییر یا شمارش دوباره",
        "change": "تغییر",
        "reason": "دلیل",
        "receipt": "دریافت کالا",
        "note": "یادداشت",
        "record_change": "ثبت تغییر",
        "counted": "شمارش‌شده در قفسه",
        "record_count": "ثبت شمارش",
        "received": "موجود در انبار ۲۲، رزروشده ۰، موجود برای فروش ۲۲.",
        "counted_message": "موجود در انبار ۲۱، رزروشده ۰، موجود برای فروش ۲۱.",
        "refused": "موجودی انبار از زمان بارگذاری صفحه از ۲۱ به ۲۴ تغییر کرده است. چیزی ثبت نشد: دوباره با ۲۴ بشمارید.",
        "recounted": "موجود در انبار ۲۰، رزروشده ۲، موجود برای فروش ۱۸.",
        "twelve": "۱۲",
        "twenty_one": "۲۱",
        "twenty": "۲۰",
    },
}


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_owner_receives_goods_and_recounts_in_the_admin(page: Page, live_server, log_in, catalog, language):
    words = WORDS[language]
    grinder = Product.objects.get(slug="hand-grinder")
    stock_recount(product=grinder, counted=10, expected=grinder.on_hand)  # a round figure to start from
    owner = UserFactory(username="owner", email="owner@example.com", is_staff=True, is_superuser=True)
    use_language(page, live_server, language)
    log_in(owner)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/admin/store/product/?q=grinder")
    with translation.override(language):
        name = grinder.name
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))
    row.get_by_role("link", name=words["adjust_link"]).click()

    # Goods received: +12, typed in the page's digits.
    page.get_by_role("textbox", name=words["change"]).fill(words["twelve"])
    page.get_by_label(words["reason"]).select_option(label=words["receipt"])
    page.get_by_label(words["note"]).first.fill("Delivery 42")
    page.get_by_role("button", name=words["record_change"]).click()
    expect(page.get_by_text(words["received"])).to_be_visible()

    # "I counted 21" against the 22 the page shows.
    page.get_by_label(words["counted"]).fill(words["twenty_one"])
    page.get_by_role("button", name=words["record_count"]).click()
    expect(page.get_by_text(words["counted_message"])).to_be_visible()
    assert_accessible(page)

    # While the page is open, a delivery is booked and a shopper orders 2: the count typed against 21 is refused.
    stock_adjust(product=grinder, change=3, reason=StockReason.RECEIPT)
    stock_allocate(order=None, quantities={grinder.pk: 2})
    page.get_by_label(words["counted"]).fill(words["twenty"])
    page.get_by_role("button", name=words["record_count"]).click()
    expect(page.get_by_role("alert")).to_contain_text(words["refused"])
    save_screenshot(page, f"owner-stock-refused-{language}")

    # Counted again against 24: the count is taken, the 2 the order holds stay allocated.
    page.get_by_label(words["counted"]).fill(words["twenty"])
    page.get_by_role("button", name=words["record_count"]).click()
    expect(page.get_by_text(words["recounted"])).to_be_visible()
    grinder.refresh_from_db()
    assert (grinder.on_hand, grinder.allocated) == (20, 2)
    save_screenshot(page, f"owner-stock-{language}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "fa" else "ltr")
