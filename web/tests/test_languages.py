"""English and Persian: the switcher, the first visit, right to left, Persian digits, plurals, on every page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.test import Client
from django.urls import reverse

from orders.tests.helpers import place
from tests.factories import CartItemFactory, ProductFactory

pytestmark = pytest.mark.django_db

PERSIAN_DIGIT = re.compile("[۰-۹]")


def in_persian(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    return client


def opening_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


def test_english_is_the_default_left_to_right(client):
    page = client.get("/").content.decode()

    assert '<html lang="en" dir="ltr"' in page


def test_a_browser_asking_for_persian_gets_persian_on_its_first_visit(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fa-IR,fa;q=0.9,en;q=0.5").content.decode()

    assert '<html lang="fa" dir="rtl"' in page
    assert "همهٔ کالاها" in page


def test_the_choice_sticks_and_beats_the_browsers_language(client):
    product = ProductFactory(name="Blue Mug")
    here = f"{product.get_absolute_url()}?from=search"

    response = client.post(reverse("set_language"), {"language": "fa", "next": here})

    assert response.status_code == 302
    assert response["Location"] == here
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fa"
    assert cookie["max-age"] == settings.LANGUAGE_COOKIE_AGE
    page = client.get(here, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fa" dir="rtl"' in page


def test_the_switcher_is_a_form_naming_each_language_in_itself_and_coming_back_here(client):
    page = client.get("/?q=mug&sort=price").content.decode()

    form = re.search(rf'<form action="{reverse("set_language")}" method="post".*?</form>', page, re.S).group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="next" value="/?q=mug&amp;sort=price">' in form
    assert re.search(r'value="en" lang="en"\s+aria-current="true"[^>]*>English</button>', form)
    assert re.search(r'value="fa" lang="fa"\s+class="[^"]*">فارسی</button>', form)


def test_pages_vary_on_the_language_cookie_and_accept_language(client):
    response = client.get("/")

    vary = {header.strip() for header in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert response["Content-Language"] == "en"


@pytest.fixture
def order(user):
    CartItemFactory(cart__user=user, quantity=3, product__name="Blue Mug", product__price=Decimal("8.00"))
    return place(user, language="fa").order


def shop_pages(order) -> dict[str, str]:
    product = order.lines.get().product
    CartItemFactory(cart__user=order.user, quantity=2, product__name="Red Bowl", product__stock=5)
    return {
        "catalog": reverse("store:product_list"),
        "search": f"{reverse('store:product_list')}?q=bowl",
        "product": product.get_absolute_url(),
        "cart": reverse("cart:detail"),
        "checkout": reverse("orders:checkout"),
        "orders": reverse("orders:list"),
        "order": order.get_absolute_url(),
        "addresses": reverse("orders:addresses"),
        "not found": "/no-such-page/",
    }


PAGES = ["catalog", "search", "product", "cart", "checkout", "orders", "order", "addresses", "not found"]


@pytest.mark.parametrize("name", PAGES)
def test_every_shop_page_in_persian_is_right_to_left_with_persian_digits(shopper_client, order, name):
    response = in_persian(shopper_client).get(shop_pages(order)[name])

    page = response.content.decode()
    assert response.status_code in (200, 404)
    assert '<html lang="fa" dir="rtl"' in page
    # The header's badge at least: "سبد خرید، ۲ کالا" (the cart holds the two bowls).
    assert "سبد خرید، ۲ کالا" in page
    assert PERSIAN_DIGIT.search(page)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_account_pages_are_persian_too(client, path):
    page = in_persian(client).get(path).content.decode()

    assert '<html lang="fa" dir="rtl"' in page
    assert "سبد خرید، ۰ کالا" in page
    main = re.search(r"<main\b.*?</main>", page, re.S).group(0)
    words = re.sub(r"<[^>]+>|&\w+;", " ", main)
    # Nothing left in English where a shopper reads (the email placeholder aside).
    assert re.findall(r"\b[A-Za-z]{3,}\b", words) == []


def test_login_and_sign_up_use_the_shops_persian_words(client):
    login = in_persian(client).get("/accounts/login/").content.decode()

    assert re.search(r"<h1[^>]*>\s*ورود\s*</h1>", login)
    assert "مرا به خاطر بسپار" in login


RIGHT_TO_LEFT = '<html lang="fa" dir="rtl" class="h-full">'


def test_the_error_pages_are_persian_right_to_left(client_seeing_errors, monkeypatch):
    client = in_persian(client_seeing_errors)

    bad = client.get("/", {"q": "tea\x00"}).content.decode()
    assert opening_tag(bad) == RIGHT_TO_LEFT
    assert "نتوانستیم این درخواست را بخوانیم" in bad

    monkeypatch.setattr("store.views.render", lambda *args, **kwargs: 1 / 0)
    broken = client.get("/").content.decode()
    assert opening_tag(broken) == RIGHT_TO_LEFT
    assert "مشکلی در سمت ما پیش آمد" in broken

    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(type(connections["default"]), "ensure_connection", refuse)
    down = client.get("/")
    assert down.status_code == 503
    assert opening_tag(down.content.decode()) == RIGHT_TO_LEFT
    assert "فروشگاه موقتاً در دسترس نیست" in down.content.decode()


def test_the_429_page_is_persian(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "1/m/ip"}
    in_persian(client)
    for _attempt in range(3):
        response = client.post("/accounts/login/", {"login": "nobody@example.com", "password": "wrong"})

    assert response.status_code == 429
    assert "تلاش‌های بیش از حد" in response.content.decode()


def assert_badge(client: Client, text: str) -> None:
    page = client.get("/").content.decode()
    assert f'<span class="sr-only">{text}</span>' in page


@pytest.mark.parametrize(
    ("quantity", "english", "persian"),
    [(1, "Cart, 1 item", "سبد خرید، ۱ کالا"), (3, "Cart, 3 items", "سبد خرید، ۳ کالا")],
)
def test_the_badge_counts_in_both_languages(shopper_client, user, quantity, english, persian):
    CartItemFactory(cart__user=user, quantity=quantity)

    assert_badge(shopper_client, english)
    assert_badge(in_persian(shopper_client), persian)


@pytest.mark.parametrize(("products", "english", "persian"), [(1, "1 product", "۱ کالا"), (2, "2 products", "۲ کالا")])
def test_the_catalog_counts_products_in_both_languages(client, products, english, persian):
    ProductFactory.create_batch(products)

    assert f">{english}</p>" in client.get("/").content.decode()
    assert f">{persian}</p>" in in_persian(client).get("/").content.decode()


def test_pagination_in_persian_points_the_way_the_page_reads(client):
    ProductFactory.create_batch(settings.STORE_PAGE_SIZE * 2 + 1)

    page = in_persian(client).get("/", {"page": 2}).content.decode()

    assert "→ قبلی" in page
    assert "بعدی ←" in page
    assert "صفحهٔ ۲ از ۳" in page
    assert 'page=3"' in page  # links keep Latin digits: machines read them


def test_cart_notices_and_toasts_in_persian_isolate_the_product_name(shopper_client, user):
    item = CartItemFactory(cart__user=user, quantity=5, product__name="Blue Mug", product__stock=3)

    page = in_persian(shopper_client).get(reverse("cart:detail")).content.decode()
    assert "فقط ۳ عدد موجود است — تعداد به ۳ کاهش یافت." in page
    assert 'aria-label="زیاد کردن تعداد \u2068Blue Mug\u2069"' in page
    assert 'name="quantity" value="۳"' in page  # the quantity field in Persian digits too: web.forms reads them

    response = shopper_client.post(reverse("cart:increase"), {"line": item.pk}, follow=True)
    assert "فقط ۳ عدد موجود است — تعداد روی ۳ گذاشته شد." in response.content.decode()
    response = shopper_client.post(reverse("cart:remove"), {"line": item.pk}, follow=True)
    assert "\u2068Blue Mug\u2069 از سبد خرید حذف شد." in response.content.decode()


@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_cart_lines_ids_and_posted_values_keep_latin_digits_ungrouped(shopper_client, user, language):
    CartItemFactory(id=1234567, cart__user=user)
    shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = shopper_client.get(reverse("cart:detail")).content.decode()
    mini_cart = shopper_client.get(reverse("cart:mini"), headers={"HX-Request": "true"}).content.decode()

    assert 'id="line-1234567"' in page
    assert 'id="mini-line-1234567"' in mini_cart
    for html in (page, mini_cart):
        assert 'name="line" value="1234567"' in html
        assert "1,234,567" not in html
        assert "۱۲۳۴۵۶۷" not in html


def test_the_browsers_failure_toasts_come_from_the_page_in_its_language(client):
    ProductFactory()
    page = in_persian(client).get("/").content.decode()

    failure_toast = re.search(r'<template id="failure-toast">(.*?)</template>', page, re.DOTALL).group(1)
    assert "مشکلی پیش آمد — دوباره تلاش کنید." in failure_toast
    assert 'aria-label="بستن پیام"' in failure_toast
    assert 'data-failure-message="نتوانستیم سبد خرید شما را به‌روز کنیم — دوباره تلاش کنید."' in page  # Add to cart


def test_order_dates_are_jalali_in_persian_and_gregorian_in_english(shopper_client, order):
    type(order).objects.filter(pk=order.pk).update(created_at=datetime.datetime(2024, 3, 20, 9, 5, tzinfo=datetime.UTC))

    persian = in_persian(shopper_client).get(reverse("orders:list")).content.decode()
    assert '<time datetime="2024-03-20T09:05:00+00:00">۱ فروردین ۱۴۰۳</time>' in persian
    shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = shopper_client.get(reverse("orders:list")).content.decode()
    assert "20 Mar 2024</time>" in english
