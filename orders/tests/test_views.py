import re
import uuid
from datetime import timedelta
from decimal import Decimal
from urllib.error import URLError

import pytest
from django.conf import settings
from django.urls import reverse
from payments import PaymentStatus

from cart.models import CartItem
from orders.models import Address, Order, OrderStatus, Payment, ShippingMethod
from orders.providers import DemoProvider
from orders.views import CHECKOUT_TOKEN_SESSION_KEY
from store.models import Product
from tests.factories import AddressFactory, CartItemFactory, OrderFactory, ShippingMethodFactory, UserFactory
from web.templatetags.localized import shoptime

from .helpers import checkout_form, place

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def methods():
    return {
        "standard": ShippingMethodFactory(),
        "express": ShippingMethodFactory(
            name="Express", price=Decimal("12.95"), price_abroad=Decimal("29.95"), free_above=None, position=2
        ),
    }


@pytest.fixture
def item(methods):
    return CartItemFactory(quantity=2, product__name="Blue Mug", product__price=Decimal("8.00"), product__stock=5)


@pytest.fixture
def user(item):
    return item.cart.user


class TestCheckoutPage:
    def test_logged_out_goes_to_login_and_htmx_gets_a_client_redirect(self, client):
        assert client.get(reverse("orders:checkout"))["Location"].startswith(reverse("account_login"))
        assert reverse("account_login") in client.get(reverse("orders:checkout"), **HTMX)["HX-Redirect"]

    def test_email_postal_code_and_phone_read_left_to_right_on_the_persian_page(self, shopper_client, user):
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"

        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        assert '<html lang="fa" dir="rtl"' in page
        for name in ("email", "postal_code", "phone"):
            assert re.search(rf'<input [^>]*name="{name}"[^>]* dir="ltr"', page), name

    def test_shows_summary_totals_vat_and_prefilled_email(self, shopper_client, user):
        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        assert "2 × <bdi>Blue Mug</bdi>" in page
        assert 'data-testid="checkout-subtotal">$16.00' in page
        assert 'data-testid="checkout-shipping">$4.95' in page
        assert 'data-testid="checkout-total">$20.95' in page
        # 20.95 × 0.2 / 1.2 = 3.49
        assert 'data-testid="checkout-vat">$3.49' in page
        assert f'value="{user.email}"' in page
        assert "Place order for $20.95" in page
        assert page.count("<h1") == 1

    def test_a_persian_name_set_for_the_shop_names_it_on_persian_pages(self, shopper_client, settings):
        settings.SHOP_NAME_FA = "فروشگاه سر کوچه"

        english = shopper_client.get(reverse("orders:checkout")).content.decode()
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
        persian = shopper_client.get(reverse("orders:checkout")).content.decode()

        assert "Corner Store" in english
        assert "فروشگاه سر کوچه" not in english
        assert re.search(r"<title>[^<]*فروشگاه سر کوچه</title>", persian)
        assert "Corner Store" not in persian

    def test_in_persian_the_shipping_methods_are_named_in_persian(self, shopper_client, user, methods):
        # As migration 0004 names the two it seeds (browser tests flush the database, so this test names its own).
        ShippingMethod.objects.filter(pk=methods["standard"].pk).update(
            name_fa="ارسال عادی", description_fa="۳ تا ۵ روز کاری"
        )
        ShippingMethod.objects.filter(pk=methods["express"].pk).update(
            name_fa="ارسال سریع", description_fa="روز کاری بعد"
        )
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"

        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        assert "ارسال عادی" in page
        assert "۳ تا ۵ روز کاری" in page
        assert "ارسال سریع" in page
        assert "Standard" not in page
        assert "working day" not in page

    def test_the_last_address_is_filled_in(self, shopper_client, user):
        AddressFactory(user=user, full_name="Grace Hopper", city="Arlington")

        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        assert 'value="Grace Hopper"' in page
        assert 'value="Arlington"' in page

    def test_a_saved_address_can_be_picked_instead_of_the_last_one(self, shopper_client, user):
        home = AddressFactory(user=user, full_name="Grace Hopper", city="Arlington")
        AddressFactory(user=user, full_name="Ada Lovelace", city="London")  # used last: filled in first

        first = shopper_client.get(reverse("orders:checkout")).content.decode()
        picked = shopper_client.get(reverse("orders:checkout"), {"address": home.pk}).content.decode()

        assert 'value="Ada Lovelace"' in first
        assert f'href="?address={home.pk}"' in first
        assert re.search(r'aria-current="true">.*?<bdi>Ada Lovelace</bdi>,', first)
        assert 'value="Grace Hopper"' in picked
        assert 'value="Arlington"' in picked
        assert re.search(r'aria-current="true">.*?<bdi>Grace Hopper</bdi>,', picked)

    def test_one_saved_address_is_simply_filled_in_with_nothing_to_pick(self, shopper_client, user):
        AddressFactory(user=user)

        assert "Ship to a saved address" not in shopper_client.get(reverse("orders:checkout")).content.decode()

    def test_another_shoppers_address_cannot_be_picked(self, shopper_client):
        stranger = AddressFactory(full_name="Someone Else")

        response = shopper_client.get(reverse("orders:checkout"), {"address": stranger.pk})

        assert response.status_code == 404
        assert "Someone Else" not in response.content.decode()
        assert shopper_client.get(reverse("orders:checkout"), {"address": "9" * 30}).status_code == 404
        assert (
            shopper_client.get(reverse("orders:checkout"), {"address": "²"}).status_code == 200
        )  # not a number: ignored

    def test_htmx_totals_follow_method_and_country_in_one_fragment(self, shopper_client, methods):
        response = shopper_client.get(
            reverse("orders:checkout"), {"shipping_method": methods["express"].pk, "country": "FR"}, **HTMX
        )

        body = response.content.decode()
        assert "<h1" not in body
        assert 'data-testid="checkout-shipping">$29.95' in body
        assert 'name="expected_total" value="45.95"' in body
        assert "HX-Request" in response["Vary"]

    def test_each_shipping_choice_says_its_price_for_this_cart_and_country(self, shopper_client, methods):
        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        standard, express = (f'id="shipping-price-{methods[name].pk}"' for name in ("standard", "express"))
        assert re.search(standard + r"[^>]*>\$4\.95 <span[^>]*>free from \$50\.00</span></span>", page)
        assert re.search(express + r"[^>]*>\$12\.95</span>", page)

    def test_a_choice_free_for_this_cart_says_free(self, shopper_client, item, methods):
        CartItem.objects.filter(pk=item.pk).update(quantity=5)  # $40.00
        CartItemFactory(cart=item.cart, product__price=Decimal("10.00"))  # $50.00: Standard is free

        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        assert re.search(f'id="shipping-price-{methods["standard"].pk}"' + r"[^>]*>Free</span>", page)

    def test_in_persian_the_prices_are_in_persian_digits(self, shopper_client, methods):
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"

        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        assert re.search(f'id="shipping-price-{methods["express"].pk}"' + r"[^>]*>\u200e\$\u00a0۱۲٫۹۵</span>", page)
        assert "رایگان از \u200e$\u00a0۵۰٫۰۰" in page

    def test_htmx_totals_update_sends_the_choices_prices_out_of_band(self, shopper_client, methods):
        body = shopper_client.get(reverse("orders:checkout"), {"country": "FR"}, **HTMX).content.decode()

        # Only the prices: the radios stay, and with them the shopper's focus.
        assert 'type="radio"' not in body
        assert re.search(f'id="shipping-price-{methods["standard"].pk}"' + r' [^>]*hx-swap-oob="true">\$14\.95', body)
        assert re.search(f'id="shipping-price-{methods["express"].pk}"' + r' [^>]*hx-swap-oob="true">\$29\.95', body)

    def test_without_javascript_the_totals_update_keeps_what_was_typed(self, shopper_client, methods):
        page = shopper_client.get(
            reverse("orders:checkout"), {"shipping_method": methods["express"].pk, "full_name": "Typed Name"}
        ).content.decode()

        assert 'value="Typed Name"' in page
        assert 'data-testid="checkout-shipping">$12.95' in page

    def test_an_empty_cart_is_sent_back_to_the_cart(self, client):
        client.force_login(UserFactory())

        response = client.get(reverse("orders:checkout"), follow=True)

        assert response.redirect_chain[-1][0] == reverse("cart:detail")
        assert "Your cart is empty: add something before checking out." in response.content.decode()

    def test_a_totals_update_for_an_emptied_cart_navigates_to_the_cart(self, shopper_client, item):
        CartItem.objects.filter(pk=item.pk).delete()

        response = shopper_client.get(reverse("orders:checkout"), **HTMX)

        assert response["HX-Redirect"] == reverse("cart:detail")

    def test_a_line_short_of_stock_is_sent_back_with_the_reason(self, shopper_client, item):
        Product.objects.filter(pk=item.product_id).update(on_hand=1)

        response = shopper_client.get(reverse("orders:checkout"), follow=True)

        assert response.redirect_chain[-1][0] == reverse("cart:detail")
        assert "Only 1 of Blue Mug left — you have 2 in your cart." in response.content.decode()


class TestCartButton:
    def test_check_out_link_and_the_lines_that_block_it(self, shopper_client, item):
        # The server chooses by the lines' one rule (cart/availability.py): only one of the two is in the page.
        page = shopper_client.get(reverse("cart:detail")).content.decode()
        assert f'href="{reverse("orders:checkout")}"' in page
        assert "To check out, first fix the lines marked above" not in page

        Product.objects.filter(pk=item.product_id).update(on_hand=1)
        page = shopper_client.get(reverse("cart:detail")).content.decode()
        assert "Only 1 left — quantity reduced to 1." in page
        assert "To check out, first fix the lines marked above" in page
        assert f'href="{reverse("orders:checkout")}"' not in page

    def test_the_mini_cart_leads_to_checkout_or_says_why_not(self, shopper_client, item):
        assert (
            f'href="{reverse("orders:checkout")}"' in shopper_client.get(reverse("cart:mini"), **HTMX).content.decode()
        )

        Product.objects.filter(pk=item.product_id).update(on_hand=1)
        page = shopper_client.get(reverse("cart:mini"), **HTMX).content.decode()

        assert f'href="{reverse("orders:checkout")}"' not in page
        assert "To check out, first fix the lines marked in your cart." in page


class TestPlaceOrder:
    def test_places_the_order_and_goes_to_payment(self, shopper_client, user):
        response = shopper_client.post(reverse("orders:place"), checkout_form(shopper_client))

        order = Order.objects.get(user=user)
        payment = Payment.objects.get(order=order)
        assert response.status_code == 303
        assert response["Location"] == reverse("orders:payment", kwargs={"token": payment.token})
        assert (order.total, order.status) == (Decimal("20.95"), OrderStatus.AWAITING_PAYMENT)
        assert not CartItem.objects.filter(cart__user=user).exists()

    def test_postal_code_and_phone_typed_in_persian_digits_are_kept_in_latin_ones(self, shopper_client, user):
        form = checkout_form(shopper_client) | {"postal_code": "۱۳۴۵۶-٧٨٩١٠", "phone": "+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹"}

        shopper_client.post(reverse("orders:place"), form)

        order = Order.objects.get(user=user)
        assert (order.postal_code, order.phone) == ("13456-78910", "+98 912 345 6789")
        assert Address.objects.get(user=user).postal_code == "13456-78910"

    def test_a_second_submit_lands_on_the_same_order(self, shopper_client, user):
        form = checkout_form(shopper_client)
        shopper_client.post(reverse("orders:place"), form)

        response = shopper_client.post(reverse("orders:place"), form)

        order = Order.objects.get(user=user)
        assert response["Location"] == order.get_absolute_url()
        assert Order.objects.count() == 1

    def test_a_token_of_another_shoppers_order_is_a_stale_checkout_not_a_500(self, shopper_client, user):
        others = OrderFactory()
        form = checkout_form(shopper_client) | {"checkout_token": str(others.checkout_token)}

        response = shopper_client.post(reverse("orders:place"), form)

        page = response.content.decode()
        assert response.status_code == 422
        assert "The checkout page was out of date. Check your order and place it again." in page
        assert Order.objects.filter(user=user).count() == 0
        assert CartItem.objects.filter(cart__user=user).count() == 1
        fresh = re.search(r'name="checkout_token" value="([^"]+)"', page).group(1)
        assert fresh != str(others.checkout_token)
        assert shopper_client.post(reverse("orders:place"), form | {"checkout_token": fresh}).status_code == 303
        assert Order.objects.filter(user=user).count() == 1

    def test_a_new_checkout_after_an_order_gets_a_new_token(self, shopper_client, user):
        form = checkout_form(shopper_client)
        shopper_client.post(reverse("orders:place"), form)

        assert shopper_client.session.get(CHECKOUT_TOKEN_SESSION_KEY) is None

    def test_a_price_change_asks_to_confirm_the_new_total(self, shopper_client, user, item):
        form = checkout_form(shopper_client)
        Product.objects.filter(pk=item.product_id).update(price=Decimal("9.00"))

        response = shopper_client.post(reverse("orders:place"), form)

        page = response.content.decode()
        assert response.status_code == 409
        assert "Something changed since you opened checkout — nothing was ordered yet" in page
        assert "Blue Mug: $8.00 → $9.00 each" in page
        assert "Place order for $22.95" in page
        assert not Order.objects.exists()

        form["expected_total"] = "22.95"
        assert shopper_client.post(reverse("orders:place"), form).status_code == 303
        assert Order.objects.get().total == Decimal("22.95")

    def test_stock_gone_meanwhile_goes_back_to_the_cart_which_is_kept(self, shopper_client, user, item):
        form = checkout_form(shopper_client)
        Product.objects.filter(pk=item.product_id).update(on_hand=0)

        response = shopper_client.post(reverse("orders:place"), form, follow=True)

        assert "Blue Mug is out of stock." in response.content.decode()
        assert CartItem.objects.filter(cart__user=user).count() == 1

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("email", "", "Enter your email address."),
            ("email", "not-an-email", "Enter a valid email address."),
            ("full_name", "", "Enter the name of the person receiving the order."),
            ("street", "", "Enter the street and house number."),
            ("city", "", "Enter the city."),
            ("postal_code", "", "Enter the postal code."),
            ("country", "", "Choose a country."),
            ("country", "XX", "Choose a country from the list."),
            ("phone", "call me maybe", "Enter a phone number with digits, spaces and + - ( ) only."),
            ("phone", "+1 555 0²", "Enter a phone number with digits, spaces and + - ( ) only."),
            ("shipping_method", "", "Choose a shipping method."),
            ("shipping_method", "999999", "Choose one of the shipping methods."),
            ("email", f"{'a' * 243}@example.com", "Enter an email address of at most 254 characters."),
            ("checkout_token", "nonsense", "The checkout page was out of date."),
            ("expected_total", "lots", "The checkout page was out of date."),
        ],
    )
    def test_every_field_explains_its_error_inline(self, shopper_client, field, value, message):
        form = checkout_form(shopper_client) | {field: value}

        response = shopper_client.post(reverse("orders:place"), form)

        page = response.content.decode()
        assert response.status_code == 422
        assert message in page
        assert not Order.objects.exists()
        if field not in ("checkout_token", "expected_total", "shipping_method"):
            assert f'aria-describedby="id_{field}_errors"' in page
            assert f'id="id_{field}_errors"' in page

    def test_get_is_not_allowed(self, shopper_client):
        assert shopper_client.get(reverse("orders:place")).status_code == 405


class TestPayment:
    @pytest.fixture
    def order(self, user):
        return place(user).order

    def pay(self, shopper_client, order, outcome: str):
        shopper_client.post(reverse("orders:pay", args=[order.reference]))
        payment = order.payments.latest("id")
        return shopper_client.post(reverse("orders:payment", kwargs={"token": payment.token}), {"status": outcome})

    def test_before_payment_the_page_says_the_order_is_reserved_for_how_long_and_what_follows(
        self, shopper_client, user
    ):
        response = shopper_client.post(reverse("orders:place"), checkout_form(shopper_client), follow=True)

        page = response.content.decode()
        order = Order.objects.get(user=user)
        due = shoptime(order.created_at + timedelta(minutes=60))
        assert "Thank you" not in page
        assert "Your order is reserved and waiting for payment" in page
        assert "We hold its items for you for 60 minutes, until" in page
        assert due in page
        assert "It is not paid yet." in page
        assert "Once you have paid, we email you a confirmation and prepare your parcel." in page
        assert "If it is not paid by then, the order is cancelled and its items go back on sale." in page

    def test_the_demo_provider_defaults_to_a_successful_payment_labelled_demo(self, shopper_client, order):
        response = shopper_client.post(reverse("orders:pay", args=[order.reference]), follow=True)

        page = response.content.decode()
        assert "Demo payment" in page
        assert re.search(r'value="confirmed"[^>]*checked', page)
        for label in ("Successful payment (demo)", "Declined payment (demo)", "Cancelled payment (demo)"):
            assert label in page
        assert "Pay $20.95 (demo)" in page

    def test_pressing_pay_without_choosing_pays_the_order(self, shopper_client, order):
        shopper_client.post(reverse("orders:pay", args=[order.reference]))
        payment = order.payments.get()
        page = shopper_client.get(reverse("orders:payment", kwargs={"token": payment.token})).content.decode()
        chosen = re.search(r'name="status" value="([a-z]+)"[^>]*checked', page).group(1)

        shopper_client.post(reverse("orders:payment", kwargs={"token": payment.token}), {"status": chosen})

        order.refresh_from_db()
        assert order.status == OrderStatus.PAID

    def test_a_confirmed_payment_marks_the_order_paid_and_only_then_says_thank_you(self, shopper_client, order):
        response = self.pay(shopper_client, order, PaymentStatus.CONFIRMED)

        assert response["Location"] == order.get_absolute_url()
        order.refresh_from_db()
        assert order.status == OrderStatus.PAID
        page = shopper_client.get(order.get_absolute_url()).content.decode()
        assert "Payment received — thank you!" in page
        assert 'data-testid="payment-status">Paid<' in page

    def test_a_rejected_payment_can_be_retried(self, shopper_client, order):
        self.pay(shopper_client, order, PaymentStatus.REJECTED)

        page = shopper_client.get(order.get_absolute_url()).content.decode()
        assert "The payment did not go through and nothing was charged. You can try again." in page
        assert "Payment failed" in page
        assert "Try paying again" in page
        assert "thank you" not in page.lower()

        self.pay(shopper_client, order, PaymentStatus.CONFIRMED)
        order.refresh_from_db()
        assert order.status == OrderStatus.PAID
        assert order.payments.count() == 2

    def test_the_order_page_says_until_when_an_unpaid_order_is_held(self, shopper_client, order):
        page = shopper_client.get(order.get_absolute_url()).content.decode()

        due = shoptime(order.payment_due_at)
        assert f"Its items are held for you until {due}; unpaid by then, the order is cancelled." in page

        self.pay(shopper_client, order, PaymentStatus.CONFIRMED)
        assert "Its items are held" not in shopper_client.get(order.get_absolute_url()).content.decode()

    def test_a_cancelled_payment_says_so_and_can_be_retried(self, shopper_client, order):
        self.pay(shopper_client, order, PaymentStatus.CANCELLED)

        page = shopper_client.get(order.get_absolute_url()).content.decode()
        assert "The payment was cancelled and nothing was charged. You can try again." in page
        assert 'data-testid="payment-status">Payment cancelled<' in page
        assert "Try paying again" in page
        order.refresh_from_db()
        assert order.status == OrderStatus.AWAITING_PAYMENT

    @pytest.mark.parametrize("outcome", ["waiting", "preauth", "bogus", "x" * 40])
    def test_the_demo_form_offers_no_other_outcome(self, shopper_client, order, outcome):
        response = self.pay(shopper_client, order, outcome)

        assert response.status_code == 200
        assert "Choose one of the demo outcomes." in response.content.decode()
        assert order.payments.get().status == PaymentStatus.INPUT

    def test_a_provider_that_cannot_be_reached_is_a_message_not_a_500(self, shopper_client, order, monkeypatch):
        def unreachable(self, payment, data=None):
            raise URLError("connection refused")

        monkeypatch.setattr(DemoProvider, "get_form", unreachable)

        response = self.pay(shopper_client, order, PaymentStatus.CONFIRMED)

        assert response.status_code == 303
        page = shopper_client.get(order.get_absolute_url()).content.decode()
        assert "The payment could not be completed. Nothing was charged; please try again." in page
        assert "Payment failed" in page

    def test_a_payment_begun_with_a_provider_the_shop_no_longer_offers_is_cancelled_not_a_500(
        self, shopper_client, order, stripe_payments, settings
    ):
        demo = Payment.objects.create(order=order, variant="default", total=order.total, currency="USD")
        settings.PAYMENT_VARIANTS = {"stripe": settings.PAYMENT_VARIANTS["stripe"]}

        response = shopper_client.get(reverse("orders:payment", kwargs={"token": demo.token}), follow=True)

        page = response.content.decode()
        assert response.status_code == 200
        assert "This payment can no longer be completed. Nothing was charged; please pay again." in page
        assert "Try paying again" in page
        demo.refresh_from_db()
        assert demo.status == PaymentStatus.CANCELLED

    def test_a_paid_order_offers_no_payment(self, shopper_client, order):
        self.pay(shopper_client, order, PaymentStatus.CONFIRMED)

        response = shopper_client.post(reverse("orders:pay", args=[order.reference]), follow=True)

        assert "is not awaiting payment" in response.content.decode()
        assert order.payments.count() == 1


def listed_references(response) -> list[str]:
    return re.findall(r'<a href="/orders/([A-Z0-9]+)/"', response.content.decode())


class TestOrders:
    def test_list_and_detail_of_own_orders(self, shopper_client, user):
        order = place(user).order

        listing = shopper_client.get(reverse("orders:list")).content.decode()
        detail = shopper_client.get(order.get_absolute_url()).content.decode()

        assert order.reference in listing
        assert "$20.95" in listing
        assert "Awaiting payment" in listing
        assert "Blue Mug" in detail
        assert "12 Analytical Row" in detail
        assert "Waiting for payment" in detail

    def test_orders_come_twenty_to_a_page_newest_first(self, shopper_client, user):
        orders = [OrderFactory(user=user) for _ in range(25)]  # placed oldest first
        OrderFactory()  # someone else's

        first = shopper_client.get(reverse("orders:list"))
        second = shopper_client.get(reverse("orders:list"), {"page": "2"})

        assert listed_references(first) == [order.reference for order in reversed(orders[5:])]
        assert listed_references(second) == [order.reference for order in reversed(orders[:5])]
        assert 'href="?page=2"' in first.content.decode()
        assert "Page 1 of 2" in first.content.decode()
        assert 'href="?page=1"' in second.content.decode()
        assert shopper_client.get(reverse("orders:list"), {"page": "x"}).status_code == 200  # a garbled page: the first

    def test_the_account_menu_links_to_your_orders(self, shopper_client):
        page = shopper_client.get(reverse("store:product_list")).content.decode()

        assert f'href="{reverse("orders:list")}"' in page
        assert "Your orders" in page

    @pytest.mark.parametrize("reference", ["NOSUCH99", "x"])
    def test_unknown_reference_is_404(self, shopper_client, reference):
        assert shopper_client.get(f"/orders/{reference}/").status_code == 404

    def test_a_nul_in_the_reference_is_a_bad_request(self, shopper_client):
        assert shopper_client.get("/orders/%00/").status_code == 400

    def test_another_shoppers_order_is_404_everywhere(self, client, user):
        order = place(user).order
        client.force_login(UserFactory())

        assert client.get(order.get_absolute_url()).status_code == 404
        assert client.post(reverse("orders:pay", args=[order.reference])).status_code == 404
        assert client.post(reverse("orders:buy_again", args=[order.reference])).status_code == 404
        payment = Payment.objects.create(order=order, variant="default", total=order.total, currency="USD")
        assert client.get(reverse("orders:payment", kwargs={"token": payment.token})).status_code == 404
        assert client.get(reverse("orders:payment", kwargs={"token": uuid.uuid4()})).status_code == 404

    def test_buy_again_fills_the_cart(self, shopper_client, user):
        order = place(user).order

        response = shopper_client.post(reverse("orders:buy_again", args=[order.reference]), follow=True)

        assert f"The products of order {order.reference} are in your cart." in response.content.decode()
        assert CartItem.objects.get(cart__user=user).quantity == 2


MAIN_STREET = {"full_name": "Ada Lovelace", "street": "1 Main Street", "city": "Springfield", "postal_code": "12345"}
LATIN_INLINE = '<bdi>Ada Lovelace</bdi>، <bdi>1 Main Street</bdi>، <bdi><bdi dir="ltr">12345</bdi> Springfield</bdi>'
AZADI_STREET = {"full_name": "سارا احمدی", "street": "خیابان آزادی ۱۲", "city": "تهران", "postal_code": "1345678910"}


class TestAddressesKeepTheirOwnDirection:
    """Typed addresses are isolated: "1 Main Street" stays so in Persian, and a Persian address in English."""

    @pytest.mark.parametrize(("language", "address"), [("fa", MAIN_STREET), ("en", AZADI_STREET)])
    def test_on_the_order_page(self, shopper_client, user, language, address):
        order = OrderFactory(user=user, phone="+98 912 345 6789", **address)
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

        page = shopper_client.get(order.get_absolute_url()).content.decode()

        assert f"<bdi>{address['full_name']}</bdi><br>" in page
        assert f"<bdi>{address['street']}</bdi><br>" in page
        assert f'<bdi><bdi dir="ltr">{address["postal_code"]}</bdi> {address["city"]}</bdi><br>' in page
        assert '<bdi dir="ltr">+98 912 345 6789</bdi>' in page

    def test_in_the_address_book_and_the_checkouts_saved_addresses(self, shopper_client, user):
        AddressFactory(user=user, **MAIN_STREET)
        AddressFactory(user=user, **AZADI_STREET)
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"

        book = shopper_client.get(reverse("orders:addresses")).content.decode()
        checkout = shopper_client.get(reverse("orders:checkout")).content.decode()

        for page in (book, checkout):
            assert LATIN_INLINE in page
            assert "<bdi>خیابان آزادی ۱۲</bdi>" in page
        # The buttons' names are sentences around the name and street: isolated by Unicode's marks (no tags there).
        assert re.search('aria-label="[^"]*\u2068Ada Lovelace\u2069[^"]*\u20681 Main Street\u2069"', book)

    def test_typed_into_the_checkouts_fields(self, shopper_client, user):
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"

        page = shopper_client.get(reverse("orders:checkout")).content.decode()

        for name in ("full_name", "street", "city"):
            assert re.search(rf'<input [^>]*name="{name}"[^>]*dir="auto"', page)

    def test_in_the_emails(self, shopper_client, user, mailoutbox, django_capture_on_commit_callbacks):
        shopper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
        with django_capture_on_commit_callbacks(execute=True):
            shopper_client.post(reverse("orders:place"), checkout_form(shopper_client) | MAIN_STREET)

        mail = mailoutbox[0]
        assert "\u20681 Main Street\u2069" in mail.body
        assert "\u206812345\u2069 \u2068Springfield\u2069" in mail.body
        assert '<bdi><bdi dir="ltr">12345</bdi> Springfield</bdi>' in mail.alternatives[0].content


class TestAddressBook:
    def test_edit_and_remove(self, shopper_client, user):
        address = AddressFactory(user=user)

        assert "12 Analytical Row" in shopper_client.get(reverse("orders:addresses")).content.decode()
        response = shopper_client.post(
            reverse("orders:address_save", args=[address.pk]),
            {"full_name": "Ada L.", "street": "1 New St", "city": "Paris", "postal_code": "75001", "country": "FR"},
        )
        assert response.status_code == 303
        address.refresh_from_db()
        assert (address.street, str(address.country)) == ("1 New St", "FR")

        shopper_client.post(reverse("orders:address_delete", args=[address.pk]))
        assert not user.addresses.exists()

    def test_digits_typed_in_persian_are_kept_in_latin_ones(self, shopper_client, user):
        address = AddressFactory(user=user)

        shopper_client.post(
            reverse("orders:address_save", args=[address.pk]),
            {
                "full_name": "Ada L.",
                "street": "1 New St",
                "city": "Tehran",
                "postal_code": "۱۳۴۵۶۷۸۹۱۰",
                "country": "IR",
                "phone": "۰۲۱ ٨٨٧٧ 6655",
            },
        )

        address.refresh_from_db()
        assert (address.postal_code, address.phone) == ("1345678910", "021 8877 6655")

    def test_errors_are_shown_next_to_the_fields(self, shopper_client, user):
        address = AddressFactory(user=user)

        response = shopper_client.post(reverse("orders:address_save", args=[address.pk]), {"country": "ZZ"})

        page = response.content.decode()
        assert response.status_code == 422
        assert "Enter the street and house number." in page
        assert "Choose a country from the list." in page
        assert 'aria-describedby="id_city_errors"' in page

    def test_another_shoppers_address_is_404(self, client, user):
        address = AddressFactory(user=user)
        client.force_login(UserFactory())

        assert client.get(reverse("orders:address_edit", args=[address.pk])).status_code == 404
        assert client.post(reverse("orders:address_delete", args=[address.pk])).status_code == 404
