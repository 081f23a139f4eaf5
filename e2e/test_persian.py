"""The shop in Persian, right to left: the whole shopping flow, its own typeface, mirrored layout and icons."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, Request, expect

from orders.models import Order
from store.models import Product
from tests.factories import PASSWORD, CartItemFactory, ShippingMethodFactory, UserFactory

from .conftest import DESKTOP, PHONE, assert_accessible, assert_accessible_without_javascript, save_screenshot

pytestmark = pytest.mark.usefixtures("catalog")

# The demo catalog's Persian names (store/demo_catalog.py): what a Persian page shows and searches.
FEEDER = "دانه‌خوری پرندگان"
GARDEN = "باغ و باغچه"


@pytest.fixture
def shipping(transactional_db):
    ShippingMethodFactory()


@pytest.fixture
def stocked(transactional_db):
    """Enough of the two products the tests buy, whatever the demo catalog holds."""
    Product.objects.filter(slug__in=["bird-feeder", "cast-iron-teapot-08-l"]).update(on_hand=20)


def in_persian(page: Page, url: str) -> None:
    """Open the shop and choose Persian with the footer's switcher, as a shopper would."""
    page.goto(url)
    page.get_by_role("button", name="فارسی").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")


def named(text: str, product: str) -> re.Pattern:
    """An accessible name with a product in it: the name is bidi-isolated (U+2068 … U+2069) in Persian."""
    return re.compile(rf"{text}\s*\u2068?{re.escape(product)}")


def log_in_with_the_form(page: Page, user) -> None:
    page.get_by_role("link", name="ورود").click()
    page.get_by_role("textbox", name="ایمیل").fill(user.email)
    page.get_by_role("textbox", name="رمز عبور").fill(PASSWORD)
    page.get_by_role("button", name="ورود").click()


def test_the_whole_purchase_in_persian_with_javascript(page: Page, live_server, shipping, stocked):
    user = UserFactory()
    page.set_viewport_size(DESKTOP)
    in_persian(page, live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("همهٔ کالاها")
    assert_accessible(page)

    # Browse a category, then search in Persian, typed with the Arabic keyboard's yeh (ي) and no half-space.
    page.get_by_role("navigation", name="دسته‌ها").get_by_role("link", name=GARDEN).click()
    expect(page.get_by_test_id("product-card").first).to_contain_text(GARDEN)
    page.get_by_role("searchbox", name="جست‌وجوی کالاها").fill("قوري چدني")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("product-card")).to_have_count(1)
    expect(page.get_by_role("heading", name="قوری چدنی ۰٫۸ لیتری")).to_be_visible()

    log_in_with_the_form(page, user)
    expect(page.get_by_role("link", name="سبد خرید، ۰ کالا")).to_be_visible()
    page.get_by_role("navigation", name="دسته‌ها").get_by_role("link", name=GARDEN).click()
    card = page.get_by_test_id("product-card").filter(has_text=FEEDER)
    card.get_by_role("button", name="افزودن به سبد خرید").click()
    expect(page.get_by_role("link", name="سبد خرید، ۱ کالا")).to_be_visible()

    page.goto(f"{live_server.url}/cart/")
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("\u200e$\u00a0۲۳٫۰۰")
    page.get_by_role("button", name=named("زیاد کردن تعداد", FEEDER)).click()
    expect(page.get_by_test_id("cart-item-count")).to_have_text("۲")
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("\u200e$\u00a0۴۶٫۰۰")
    page.get_by_role("button", name=named("کم کردن تعداد", FEEDER)).click()
    expect(page.get_by_test_id("cart-item-count")).to_have_text("۱")
    quantity = page.get_by_role("textbox", name=named("تعداد", FEEDER))
    quantity.fill("")
    quantity.press_sequentially("۳")  # a Persian keyboard's digit
    quantity.press("Tab")
    expect(page.get_by_test_id("cart-item-count")).to_have_text("۳")
    expect(quantity).to_have_value("۳")  # the field, too, shows Persian digits
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("\u200e$\u00a0۶۹٫۰۰")
    save_screenshot(page, "persian-cart-desktop")
    assert_accessible(page)

    page.get_by_role("button", name=named("حذف", FEEDER)).click()
    expect(page.get_by_role("status").first).to_contain_text(FEEDER)
    page.get_by_role("button", name="بازگرداندن").click()
    expect(page.get_by_role("list", name="ردیف‌های سبد خرید").get_by_role("listitem")).to_have_count(1)
    expect(page.get_by_test_id("cart-item-count")).to_have_text("۳")

    page.get_by_role("link", name="تسویه حساب").first.click()
    expect(page.get_by_role("heading", name="تسویه حساب", level=1)).to_be_visible()
    page.get_by_role("textbox", name="نام و نام خانوادگی").fill("آدا لاولیس")
    page.get_by_role("textbox", name="خیابان و پلاک").fill("خیابان ولیعصر، پلاک ۱۲")
    page.get_by_role("textbox", name="کد پستی").fill("۱۳۴۵۶۷۸۹۱۰")
    page.get_by_role("textbox", name="شهر").fill("تهران")
    page.get_by_role("combobox", name="کشور").select_option(label="ایران")
    assert_accessible(page)
    save_screenshot(page, "persian-checkout-desktop")
    page.get_by_role("button", name=re.compile("ثبت سفارش")).click()

    expect(page.get_by_role("heading", name="پرداخت نمایشی")).to_be_visible()
    order = Order.objects.get(user=user)
    assert (order.postal_code, order.total) == ("1345678910", Decimal("69.00") + order.shipping_cost)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_the_same_purchase_in_persian_without_javascript(no_js_page: Page, live_server, shipping, stocked, log_in):
    page = no_js_page
    user = UserFactory()
    log_in(user, page.context)
    in_persian(page, live_server.url)
    page.get_by_role("navigation", name="دسته‌ها").get_by_role("link", name=GARDEN).click()
    assert_accessible_without_javascript(page)

    page.get_by_test_id("product-card").filter(has_text=FEEDER).get_by_role("button", name="افزودن به سبد خرید").click()
    expect(page.get_by_role("link", name="سبد خرید، ۱ کالا")).to_be_visible()
    page.get_by_role("link", name="سبد خرید، ۱ کالا").click()
    assert_accessible_without_javascript(page)
    page.get_by_role("button", name=named("زیاد کردن تعداد", FEEDER)).click()
    expect(page.get_by_test_id("cart-item-count")).to_have_text("۲")
    quantity = page.get_by_role("textbox", name=named("تعداد", FEEDER))
    quantity.fill("۴")
    quantity.press("Enter")  # the form's first button sets the typed quantity
    expect(page.get_by_test_id("cart-item-count")).to_have_text("۴")
    page.get_by_role("button", name=named("حذف", FEEDER)).click()
    page.get_by_role("button", name="بازگرداندن").click()
    expect(page.get_by_test_id("cart-item-count")).to_have_text("۴")

    page.get_by_role("link", name="تسویه حساب").first.click()
    assert_accessible_without_javascript(page)
    page.get_by_role("textbox", name="نام و نام خانوادگی").fill("آدا لاولیس")
    page.get_by_role("textbox", name="خیابان و پلاک").fill("خیابان ولیعصر، پلاک ۱۲")
    page.get_by_role("textbox", name="کد پستی").fill("١٣٤٥٦٧٨٩١٠")  # Arabic-Indic digits
    page.get_by_role("textbox", name="شهر").fill("تهران")
    page.get_by_role("combobox", name="کشور").select_option(label="ایران")
    page.get_by_role("button", name=re.compile("ثبت سفارش")).click()

    expect(page.get_by_role("heading", name="پرداخت نمایشی")).to_be_visible()
    assert_accessible_without_javascript(page)
    assert Order.objects.get(user=user).postal_code == "1345678910"
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def fonts_fetched(page: Page, go) -> list[str]:
    """The fonts the page downloads while ``go()`` loads it."""
    fonts: list[str] = []

    def record(request: Request) -> None:
        if request.resource_type == "font":
            fonts.append(request.url.rsplit("/", 1)[-1])

    page.on("request", record)
    go()
    page.evaluate("document.fonts.ready.then(() => true)")
    page.remove_listener("request", record)
    return fonts


def test_only_persian_pages_download_the_persian_typeface(page: Page, live_server):
    english = fonts_fetched(page, lambda: page.goto(live_server.url))
    persian = fonts_fetched(page, lambda: in_persian(page, live_server.url))

    assert english == []
    # The page's Persian words need the Arabic-script part; its Latin product names the Latin one.
    assert "vazirmatn-arabic-wght-normal.woff2" in persian
    expect(page.get_by_role("heading", level=1)).to_have_css("font-family", re.compile('^"Vazirmatn Variable"'))


def mirrored(locator) -> bool:
    """Whether the element is drawn flipped left to right (Tailwind's -scale-x-100: a negative CSS scale)."""
    return locator.evaluate("el => parseFloat(getComputedStyle(el).scale) < 0")


def test_icons_that_point_mirror_and_the_others_do_not(page: Page, live_server, log_in):
    log_in(UserFactory())
    page.goto(live_server.url)
    cart_icon = page.get_by_role("link", name=re.compile("Cart|سبد خرید")).locator("svg")
    account_icon = page.get_by_role("navigation", name=re.compile("Account|حساب کاربری")).locator("summary svg")
    assert not mirrored(cart_icon)

    in_persian(page, live_server.url)

    assert mirrored(cart_icon)
    assert not mirrored(account_icon)
    expect(cart_icon).to_be_visible()


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found, f"{locator} is not on the page"
    return found


def overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_mirrored_cart_lines_and_toasts_neither_overflow_nor_overlap(
    page: Page, live_server, log_in, stocked, size, name
):
    user = UserFactory()
    for slug in ("cast-iron-teapot-08-l", "bird-feeder"):
        CartItemFactory(cart__user=user, product=Product.objects.get(slug=slug), quantity=12)
    log_in(user)
    page.set_viewport_size(size)
    in_persian(page, f"{live_server.url}/cart/")

    for line in page.get_by_test_id("cart-line").all():
        product = line.get_by_role("link").first.inner_text()
        controls = [
            line.get_by_role("button", name=named("کم کردن تعداد", product)),
            line.get_by_role("textbox", name=named("تعداد", product)),
            line.get_by_role("button", name=named("زیاد کردن تعداد", product)),
            line.get_by_test_id("line-subtotal"),
            line.get_by_role("button", name=named("حذف", product)),
        ]
        boxes = [box(control) for control in controls]
        assert all(inside(control, box(line)) for control in boxes), f"{product}: a control sticks out of its line"
        assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), f"{product}: overlap"
        decrease, field, increase = boxes[:3]
        # Right to left: − at the start (the right), then the quantity, then + towards the left.
        assert decrease["x"] > field["x"] > increase["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    save_screenshot(page, f"persian-cart-{name}")

    page.get_by_role("button", name=named("حذف", FEEDER)).click()
    toast = page.locator("#messages [data-toast]")
    expect(toast).to_contain_text(FEEDER)
    parts = [
        toast.locator("p"),
        toast.get_by_role("button", name="بازگرداندن"),
        toast.get_by_role("button", name="بستن پیام"),
    ]
    boxes = [box(part) for part in parts]
    toast_box = box(toast)
    assert toast_box["x"] >= 0
    assert toast_box["x"] + toast_box["width"] <= size["width"]
    assert all(inside(part, toast_box) for part in boxes)
    assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    message, undo, dismiss = boxes
    assert message["x"] > undo["x"] > dismiss["x"]  # read from the right: the message, then Undo, then ×
    save_screenshot(page, f"persian-cart-toast-{name}")
    assert_accessible(page)
    expect(toast.get_by_role("button", name="بازگرداندن")).to_be_visible()


def test_the_catalog_on_a_phone_in_persian(page: Page, live_server):
    page.set_viewport_size(PHONE)
    in_persian(page, live_server.url)

    cards = page.get_by_test_id("product-card")
    first, second = box(cards.nth(0)), box(cards.nth(1))
    assert first["y"] == second["y"]
    assert first["x"] > second["x"]  # the first product sits on the right
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    save_screenshot(page, "persian-home-phone")
    page.set_viewport_size(DESKTOP)
    save_screenshot(page, "persian-home-desktop")
    assert_accessible(page)
    expect(cards.first).to_be_visible()
