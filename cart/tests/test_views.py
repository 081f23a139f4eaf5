import json
import re
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cart.models import CartItem
from cart.pending import PENDING_ADD_SESSION_KEY
from orders.models import ShippingMethod
from tests.factories import (
    PASSWORD,
    AddressFactory,
    CartItemFactory,
    ProductFactory,
    ShippingMethodFactory,
    UserFactory,
)

from .conftest import PNG

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def item(user):
    return CartItemFactory(cart__user=user, quantity=2, product__name="Blue Mug", product__price=Decimal("8.00"))


LINE_CHANGES = ["cart:increase", "cart:decrease", "cart:set_quantity", "cart:remove"]


def line_urls() -> list[str]:
    return [reverse(name) for name in LINE_CHANGES]


def quantity_of(item) -> int | None:
    row = CartItem.objects.filter(pk=item.pk).first()
    return row.quantity if row else None


class TestCartPage:
    def test_lists_lines_with_totals_and_accessible_controls(self, shopper_client, item):
        CartItemFactory(cart=item.cart, quantity=1, product__name="Red Bowl", product__price=Decimal("5.50"))

        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert "Blue Mug" in page
        assert "Red Bowl" in page
        assert 'data-testid="cart-subtotal">$21.50<' in page
        assert 'aria-label="Increase quantity of Blue Mug"' in page
        assert 'aria-label="Decrease quantity of Blue Mug"' in page
        assert 'aria-label="Remove Blue Mug from cart"' in page
        assert "Cart, 3 items" in page

    def test_product_names_are_escaped_once(self, shopper_client, user):
        CartItemFactory(cart__user=user, product__name='Salt & Pepper <"Duo">')

        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert ">Salt &amp; Pepper &lt;&quot;Duo&quot;&gt;</bdi></a>" in page
        assert 'aria-label="Remove Salt &amp; Pepper &lt;&quot;Duo&quot;&gt; from cart"' in page
        assert "&amp;amp;" not in page
        assert '<"Duo">' not in page

    def test_line_shows_the_product_picture_and_links_to_the_product(self, shopper_client, user):
        product = ProductFactory(image=SimpleUploadedFile("mug.png", PNG, content_type="image/png"))
        CartItemFactory(cart__user=user, product=product)

        page = shopper_client.get(reverse("cart:detail")).content.decode()

        picture = re.search(r"<img [^>]*>", page).group(0)
        assert re.search(r'src="/media/thumbnails/\S+\.webp"', picture)
        assert 'width="96" height="96"' in picture
        assert f'<a href="{product.get_absolute_url()}"' in page

    def test_a_line_form_posted_without_javascript_passes_the_csrf_check(self, user, item):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        page = browser.get(reverse("cart:detail")).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

        response = browser.post(reverse("cart:increase"), {"line": item.pk, "csrfmiddlewaretoken": token})

        assert response.status_code == 303
        assert quantity_of(item) == 3

    def test_empty_cart_links_to_the_catalog(self, shopper_client):
        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert "Your cart is empty." in page
        assert f'href="{reverse("store:product_list")}"' in page

    def test_notices_for_inactive_repriced_and_short_stock_lines(self, shopper_client, user):
        gone = CartItemFactory(cart__user=user, quantity=1, product__name="Old Lamp", product__is_active=False)
        repriced = CartItemFactory(
            cart=gone.cart,
            quantity=1,
            unit_price=Decimal("10.00"),
            product__name="Teapot",
            product__price=Decimal("12.00"),
        )
        short = CartItemFactory(cart=gone.cart, quantity=5, product__name="Pen", product__stock=10)
        short.product.on_hand = 2
        short.product.save()

        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert "No longer sold — not included in the total." in page
        assert "<s>$10.00</s> → $12.00" in page
        assert "Only 2 left — quantity reduced to 2." in page
        # Total: teapot 12.00 + 2 pens at 10.00; the inactive lamp is excluded.
        assert 'data-testid="cart-subtotal">$32.00<' in page
        repriced.refresh_from_db()
        assert repriced.unit_price == Decimal("10.00")  # showing the cart never rewrites the price it was added at


class TestHtmxChanges:
    def test_increase_returns_the_line_and_out_of_band_totals_and_badge(self, shopper_client, item):
        response = shopper_client.post(reverse("cart:increase"), {"line": item.pk}, **HTMX)

        body = response.content.decode()
        assert response.status_code == 200
        assert body.startswith(f'<li id="line-{item.pk}"')
        assert 'name="quantity" value="3"' in body
        assert 'data-testid="line-subtotal">$24.00<' in body
        assert re.search(r'<div id="cart-totals"[^>]* hx-swap-oob="true"', body)
        assert re.search(r'<span id="cart-count" hx-swap-oob="true"[^>]*>', body)
        assert "<html" not in body
        assert quantity_of(item) == 3

    def test_a_change_is_announced_to_screen_readers_once(self, shopper_client, item):
        ShippingMethodFactory()  # its own: a transactional test run earlier flushes the seeded methods
        body = shopper_client.post(reverse("cart:increase"), {"line": item.pk}, **HTMX).content.decode()

        announcement = re.findall(r'<div id="cart-announcement" hx-swap-oob="innerHTML">([^<]*)</div>', body)
        # The total the totals show: $24.00 and the Standard shipping the shop starts with ($4.95 below $50.00).
        assert announcement == ["Quantity of Blue Mug: 3. Cart total $28.95"]

    def test_clear_with_htmx_empties_the_lines_in_place_and_offers_undo(self, shopper_client, item):
        body = shopper_client.post(reverse("cart:clear"), **HTMX).content.decode()

        assert re.search(r'<ul id="cart-lines"[^>]* hx-swap-oob="true"></ul>', body)
        assert "Your cart is empty now." in body
        assert ">Undo</button>" in body

    def test_set_quantity(self, shopper_client, item):
        response = shopper_client.post(reverse("cart:set_quantity"), {"line": item.pk, "quantity": "7"}, **HTMX)

        assert response.status_code == 200
        assert 'data-testid="cart-subtotal">$56.00<' in response.content.decode()
        assert quantity_of(item) == 7

    @pytest.mark.parametrize("quantity", ["۱۲", "١٢", "۱2"])
    def test_set_quantity_typed_in_persian_or_arabic_digits(self, shopper_client, item, quantity):
        response = shopper_client.post(reverse("cart:set_quantity"), {"line": item.pk, "quantity": quantity}, **HTMX)

        assert response.status_code == 200
        assert quantity_of(item) == 12

    def test_add_a_quantity_typed_in_persian_digits(self, shopper_client, user):
        product = ProductFactory(stock=10)

        shopper_client.post(reverse("cart:add", args=[product.pk]), {"quantity": "۳"}, **HTMX)

        assert CartItem.objects.get(cart__user=user, product=product).quantity == 3

    def test_set_above_stock_caps_and_tells_the_shopper(self, shopper_client, item):
        item.product.on_hand = 3
        item.product.save()

        response = shopper_client.post(reverse("cart:set_quantity"), {"line": item.pk, "quantity": "9"}, **HTMX)

        assert response.status_code == 200
        assert "Only 3 left — quantity set to 3." in response.content.decode()
        assert quantity_of(item) == 3

    def test_remove_answers_an_empty_line_and_a_toast_with_undo(self, shopper_client, item):
        response = shopper_client.post(reverse("cart:remove"), {"line": item.pk}, **HTMX)

        body = response.content.decode()
        assert response.status_code == 200
        assert not body.startswith("<li")
        assert "Removed Blue Mug from your cart." in body
        assert reverse("cart:undo_remove") in body
        assert quantity_of(item) is None

    def test_undo_restores_the_removed_line(self, shopper_client, user, item):
        shopper_client.post(reverse("cart:remove"), {"line": item.pk}, **HTMX)

        response = shopper_client.post(reverse("cart:undo_remove"), **HTMX)

        assert response.status_code == 200
        assert "Blue Mug is back in your cart." in response.content.decode()
        assert CartItem.objects.get(cart__user=user).quantity == 2

    def test_undo_twice_has_nothing_left_to_undo(self, shopper_client, item):
        shopper_client.post(reverse("cart:remove"), {"line": item.pk}, **HTMX)
        shopper_client.post(reverse("cart:undo_remove"), **HTMX)

        response = shopper_client.post(reverse("cart:undo_remove"), **HTMX)

        assert response.status_code == 422
        assert "There is nothing to undo." in response.content.decode()

    def test_decrease_at_one_removes_the_line(self, shopper_client, item):
        shopper_client.post(reverse("cart:decrease"), {"line": item.pk}, **HTMX)
        response = shopper_client.post(reverse("cart:decrease"), {"line": item.pk}, **HTMX)

        assert "Removed Blue Mug from your cart." in response.content.decode()
        assert quantity_of(item) is None

    def test_add_from_the_catalog_updates_badge_and_toast(self, shopper_client, user):
        product = ProductFactory(name="Green Jug")

        response = shopper_client.post(reverse("cart:add", args=[product.pk]), {"quantity": "2"}, **HTMX)

        body = response.content.decode()
        assert response.status_code == 200
        assert re.search(r'<span id="cart-count" hx-swap-oob="true"[^>]*>', body)
        assert re.search(r'data-testid="cart-count"[^>]*>2</span>', body)
        assert "Added Green Jug to your cart." in body
        assert CartItem.objects.get(cart__user=user).quantity == 2


class TestShippingEstimate:
    """The cart says what shipping will cost at checkout, and how much more makes it free."""

    @pytest.fixture(autouse=True)
    def standard(self):
        # Checkout's first method, as the shop starts with it: $4.95 at home, $14.95 abroad, free from $50.00.
        ShippingMethod.objects.exclude(name="Standard").update(is_active=False)
        return ShippingMethodFactory()

    def test_the_cart_shows_shipping_the_total_and_how_much_more_ships_free(self, shopper_client, item):
        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert 'data-testid="cart-subtotal">$16.00<' in page
        assert 'data-testid="cart-shipping">$4.95<' in page
        assert "to United States of America" in page
        assert 'data-testid="cart-total">$20.95<' in page
        assert "Add $34.00 more for free shipping (Standard)." in page
        assert re.search(r'<progress max="50\.00" value="16\.00" aria-labelledby="free-shipping-note"', page)

    def test_to_the_country_checkout_fills_in(self, shopper_client, user, item):
        AddressFactory(user=user, country="FR")

        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert 'data-testid="cart-shipping">$14.95<' in page
        assert "to France" in page
        assert 'data-testid="cart-total">$30.95<' in page

    def test_past_the_threshold_it_ships_free(self, shopper_client, item):
        CartItemFactory(cart=item.cart, product__price=Decimal("34.00"))

        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert 'data-testid="cart-shipping">Free<' in page
        assert 'data-testid="cart-total">$50.00<' in page
        assert "more for free shipping" not in page
        assert "<progress" not in page

    def test_without_shipping_methods_the_total_is_the_subtotal(self, shopper_client, item, standard):
        ShippingMethod.objects.update(is_active=False)

        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert 'data-testid="cart-shipping"' not in page
        assert 'data-testid="cart-total">$16.00<' in page

    def test_in_persian_digits_and_words(self, shopper_client, item):
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"

        page = shopper_client.get(reverse("cart:detail")).content.decode()

        assert 'data-testid="cart-total">\u200e$\u00a0۲۰٫۹۵<' in page
        assert "با \u200e$\u00a0۳۴٫۰۰ خرید بیشتر، ارسال رایگان می‌شود" in page

    def test_a_change_sends_the_new_shipping_and_total_and_the_mini_cart_says_the_same(self, shopper_client, item):
        body = shopper_client.post(
            reverse("cart:set_quantity"), {"line": item.pk, "quantity": 7}, **HTMX
        ).content.decode()
        mini = shopper_client.get(reverse("cart:mini"), **HTMX).content.decode()

        assert 'data-testid="cart-shipping">Free<' in body  # $56.00
        assert 'data-testid="cart-total">$56.00<' in body
        assert 'data-testid="mini-cart-shipping">Free<' in mini
        assert 'data-testid="mini-cart-total">$56.00<' in mini


class TestMiniCart:
    MINI = {**HTMX, "HTTP_HX_TARGET": "mini-cart-body"}

    def test_opens_with_the_lines_total_and_a_way_to_the_cart(self, shopper_client, item):
        body = shopper_client.get(reverse("cart:mini"), **HTMX).content.decode()

        assert 'aria-label="Increase quantity of Blue Mug"' in body
        assert 'data-testid="mini-cart-subtotal">$16.00<' in body
        assert f'href="{reverse("cart:detail")}"' in body
        assert "<html" not in body

    def test_without_htmx_it_is_the_cart_page(self, shopper_client):
        assert shopper_client.get(reverse("cart:mini"))["Location"] == reverse("cart:detail")

    def test_a_change_answers_the_mini_cart_and_the_badge(self, shopper_client, item):
        body = shopper_client.post(reverse("cart:increase"), {"line": item.pk}, **self.MINI).content.decode()

        assert 'data-testid="mini-cart-subtotal">$24.00<' in body
        assert re.search(r'<span id="cart-count" hx-swap-oob="true"[^>]*>', body)
        assert 'id="cart-lines"' not in body  # the shopper is not on the cart page
        assert quantity_of(item) == 3

    def test_a_change_over_the_cart_page_updates_its_lines_too(self, shopper_client, item):
        headers = {**self.MINI, "HTTP_HX_CURRENT_URL": f"http://testserver{reverse('cart:detail')}"}

        body = shopper_client.post(reverse("cart:increase"), {"line": item.pk}, **headers).content.decode()

        assert re.search(r'<ul id="cart-lines"[^>]* hx-swap-oob="true"', body)
        assert re.search(r'<div id="cart-totals"[^>]* hx-swap-oob="true"', body)

    def test_remove_offers_undo_inside_the_mini_cart(self, shopper_client, item):
        body = shopper_client.post(reverse("cart:remove"), {"line": item.pk}, **self.MINI).content.decode()

        assert "Removed Blue Mug from your cart." in body
        assert f'hx-post="{reverse("cart:undo_remove")}" hx-target="#mini-cart-body"' in body

        body = shopper_client.post(reverse("cart:undo_remove"), **self.MINI).content.decode()
        assert "Blue Mug is back in your cart." in body
        assert 'data-testid="mini-cart-subtotal">$16.00<' in body

    def test_a_visitor_is_sent_to_login(self, client):
        response = client.get(reverse("cart:mini"), **HTMX)

        assert response["HX-Redirect"].startswith(reverse("account_login"))


class TestWithoutJavascript:
    def test_add_redirects_back_with_303_and_a_message(self, shopper_client, user):
        product = ProductFactory(name="Green Jug")
        page = reverse("store:product_detail", args=[product.slug])

        response = shopper_client.post(reverse("cart:add", args=[product.pk]), {"quantity": "1", "next": page})

        assert response.status_code == 303
        assert response["Location"] == page
        followed = shopper_client.get(page).content.decode()
        assert "Added Green Jug to your cart." in followed

    def test_line_change_redirects_to_the_cart(self, shopper_client, item):
        response = shopper_client.post(reverse("cart:increase"), {"line": item.pk})

        assert response.status_code == 303
        assert response["Location"] == reverse("cart:detail")
        assert quantity_of(item) == 3

    def test_an_external_next_is_ignored(self, shopper_client, item):
        response = shopper_client.post(reverse("cart:increase"), {"line": item.pk, "next": "https://evil.example/"})

        assert response["Location"] == reverse("cart:detail")

    def test_bad_quantity_redirects_back_with_the_error(self, shopper_client, item):
        response = shopper_client.post(reverse("cart:set_quantity"), {"line": item.pk, "quantity": "lots"}, follow=True)

        assert "Enter a whole number from 0 to 99." in response.content.decode()
        assert quantity_of(item) == 2

    def test_remove_offers_undo_on_the_cart_page(self, shopper_client, item):
        response = shopper_client.post(reverse("cart:remove"), {"line": item.pk}, follow=True)

        page = response.content.decode()
        assert "Removed Blue Mug from your cart." in page
        assert f'action="{reverse("cart:undo_remove")}"' in page

    def test_clear_empties_the_cart_and_undo_brings_every_line_back(self, shopper_client, user, item):
        other = CartItemFactory(cart=item.cart, quantity=3, product__name="Red Bowl")

        page = shopper_client.post(reverse("cart:clear"), follow=True).content.decode()

        assert "Your cart is empty now." in page
        assert f'<form action="{reverse("cart:undo_remove")}"' in page
        assert quantity_of(item) is None

        page = shopper_client.post(reverse("cart:undo_remove"), follow=True).content.decode()

        assert "2 lines are back in your cart." in page
        assert [(i.product.name, i.quantity) for i in CartItem.objects.filter(cart__user=user)] == [
            ("Blue Mug", 2),
            ("Red Bowl", other.quantity),
        ]


class TestSecurity:
    def test_get_on_a_change_url_is_405(self, shopper_client, item):
        urls = [
            *line_urls(),
            reverse("cart:add", args=[item.product.pk]),
            reverse("cart:undo_remove"),
            reverse("cart:clear"),
        ]

        assert [shopper_client.get(url).status_code for url in urls] == [405] * len(urls)
        assert quantity_of(item) == 2

    def test_post_without_csrf_token_is_403(self, user, item):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)

        statuses = [client.post(url, {"line": item.pk, "quantity": "5"}, **HTMX).status_code for url in line_urls()]

        assert statuses == [403] * 4
        assert quantity_of(item) == 2

    def test_another_shoppers_line_is_404_and_untouched(self, item):
        intruder = Client()
        intruder.force_login(UserFactory())

        statuses = [intruder.post(url, {"line": item.pk, "quantity": "5"}, **HTMX).status_code for url in line_urls()]

        assert statuses == [404] * 4
        assert quantity_of(item) == 2

    def test_unknown_ids_are_404(self, shopper_client):
        assert shopper_client.post(reverse("cart:increase"), {"line": 999999}, **HTMX).status_code == 404
        assert shopper_client.post(reverse("cart:add", args=[999999]), {"quantity": "1"}, **HTMX).status_code == 404

    @pytest.mark.parametrize("line", [None, "", "abc", "0", "-3", "1.5", "99999999999999999999999999"])
    def test_a_missing_or_malformed_line_is_404_and_nothing_changes(self, shopper_client, item, line):
        data = {"quantity": "5"} | ({} if line is None else {"line": line})

        statuses = [shopper_client.post(url, data, **HTMX).status_code for url in line_urls()]

        assert statuses == [404] * 4
        assert quantity_of(item) == 2

    def test_htmx_404_is_the_shoppers_own_cart_and_a_toast_not_a_page(self, shopper_client, item):
        response = shopper_client.post(reverse("cart:remove"), {"line": 999999}, **HTMX)

        assert response.status_code == 404
        assert response["HX-Reswap"] == "none"
        assert json.loads(response["HX-Trigger"]) == {"toast": {}}  # shop.js adds no failure toast of its own
        assert "Removed in another window." in response.content.decode()
        assert f'id="line-{item.pk}"' in response.content.decode()
        assert "<html" not in response.content.decode()

    @pytest.mark.parametrize("quantity", ["abc", "-1", "", "1.5", "100", "99999999999999999999999999"])
    def test_bad_quantities_are_422_with_a_clear_message(self, shopper_client, item, quantity):
        response = shopper_client.post(reverse("cart:set_quantity"), {"line": item.pk, "quantity": quantity}, **HTMX)

        assert response.status_code == 422
        assert response["HX-Reswap"] == "none"
        assert "Enter a whole number from 0 to 99." in response.content.decode()
        assert 'id="messages"' in response.content.decode()
        assert quantity_of(item) == 2

    @pytest.mark.parametrize("quantity", ["0", "abc", ""])
    def test_bad_add_quantities_are_422(self, shopper_client, quantity):
        product = ProductFactory()

        response = shopper_client.post(reverse("cart:add", args=[product.pk]), {"quantity": quantity}, **HTMX)

        assert response.status_code == 422
        assert "Enter a whole number from 1 to 99." in response.content.decode()

    @pytest.mark.parametrize(("field", "message"), [("stock", "is out of stock."), ("is_active", "is no longer sold.")])
    def test_unbuyable_products_are_422(self, shopper_client, field, message):
        product = ProductFactory(name="Sold Thing", **{field: 0 if field == "stock" else False})

        response = shopper_client.post(reverse("cart:add", args=[product.pk]), {"quantity": "1"}, **HTMX)

        assert response.status_code == 422
        assert f"Sold Thing {message}" in response.content.decode()
        assert not CartItem.objects.exists()

    def test_anonymous_cart_page_goes_to_login_with_next(self, client):
        response = client.get(reverse("cart:detail"))

        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={quote(reverse('cart:detail'), safe='')}"

    def test_anonymous_plain_change_goes_to_login(self, client, item):
        response = client.post(reverse("cart:increase"), {"line": item.pk})

        assert response.status_code == 303
        assert response["Location"].startswith(reverse("account_login"))
        assert quantity_of(item) == 2

    def test_anonymous_htmx_change_gets_hx_redirect_not_a_login_page(self, client, item):
        response = client.post(
            reverse("cart:increase"), {"line": item.pk}, HTTP_HX_CURRENT_URL="http://testserver/cart/", **HTMX
        )

        assert response["HX-Redirect"] == f"{reverse('account_login')}?next=%2Fcart%2F"
        assert b"<form" not in response.content
        assert quantity_of(item) == 2

    def test_anonymous_add_is_remembered_from_the_post_and_sent_to_login(self, client):
        product = ProductFactory()
        page = reverse("store:product_detail", args=[product.slug])

        response = client.post(reverse("cart:add", args=[product.pk]), {"quantity": "2", "next": page})

        assert response.status_code == 303
        assert response["Location"] == f"{reverse('account_login')}?next={quote(page, safe='')}"
        assert client.session[PENDING_ADD_SESSION_KEY] == {"product_id": product.pk, "quantity": 2}
        assert not CartItem.objects.exists()

    def test_pending_add_is_applied_when_the_shopper_logs_in(self, client, user):
        product = ProductFactory(name="Green Jug")
        client.post(reverse("cart:add", args=[product.pk]), {"quantity": "2"})

        response = client.post(
            reverse("account_login"),
            {"login": user.email, "password": PASSWORD, "next": "/cart/"},
            follow=True,
        )

        assert response.redirect_chain[-1][0] == "/cart/"
        assert "Added Green Jug to your cart." in response.content.decode()
        assert CartItem.objects.get(cart__user=user).quantity == 2


class TestTheOneRule:
    def test_fixing_the_last_short_line_brings_check_out_back_with_the_answer(self, shopper_client, user):
        short = CartItemFactory(cart__user=user, quantity=3, product__stock=2)

        page = shopper_client.get(reverse("cart:detail")).content.decode()
        assert "Only 2 left — quantity reduced to 2." in page
        assert "To check out, first fix the lines marked above" in page

        answer = shopper_client.post(reverse("cart:set_quantity"), {"line": short.pk, "quantity": 2}, **HTMX)

        body = answer.content.decode()
        assert re.search(r'<div id="cart-checkout" hx-swap-oob="true"><a href="/checkout/"', body)
        assert "To check out" not in body

    def test_the_cart_and_checkout_agree_on_what_blocks(self, shopper_client, user):
        CartItemFactory(cart__user=user, quantity=3, product__stock=2, product__name="Short")
        CartItemFactory(cart__user=user, quantity=1, product__is_active=False, product__name="Retired")
        CartItemFactory(cart__user=user, quantity=1, product__name="Fine")

        cart_page = shopper_client.get(reverse("cart:detail")).content.decode()
        checkout = shopper_client.get(reverse("orders:checkout"), follow=True).content.decode()

        assert "Only 2 left — quantity reduced to 2." in cart_page
        assert "No longer sold — not included in the total." in cart_page
        assert "To check out, first fix the lines marked above" in cart_page
        assert "Only 2 of Short left — you have 3 in your cart." in checkout
        assert "Retired is no longer sold." in checkout
        assert "Fine is" not in checkout
