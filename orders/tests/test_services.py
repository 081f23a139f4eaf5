import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone, translation

from cart.models import CartItem
from cart.selectors import cart_items
from orders import services
from orders.models import Address, Order, OrderLine, OrderStatus, OrderStatusChange
from orders.services import REFERENCE_ALPHABET, CheckoutChanged, EmptyCart, OrderError, ShippingDetails
from store.models import Product, StockMovement
from tests.factories import CartItemFactory, ProductFactory, ShippingMethodFactory, UserFactory

from .helpers import place, shipping_details, shown_total

pytestmark = pytest.mark.django_db


@pytest.fixture
def cart_of_two():
    """A shopper's cart: 2 mugs at $8.00 and 1 bowl at $5.50 (subtotal $21.50, Standard shipping $4.95)."""
    mug = CartItemFactory(quantity=2, product__name="Blue Mug", product__price=Decimal("8.00"), product__stock=5)
    CartItemFactory(cart=mug.cart, quantity=1, product__name="Red Bowl", product__price=Decimal("5.50"))
    return mug.cart.user


def stock_of(name: str) -> int:
    return Product.objects.get(name=name).available


class TestPlaceOrder:
    def test_writes_snapshots_takes_stock_and_empties_the_cart(self, cart_of_two):
        placed = place(cart_of_two)

        order = placed.order
        assert placed.created
        assert order.status == OrderStatus.AWAITING_PAYMENT
        assert (order.subtotal, order.shipping_cost, order.total) == (
            Decimal("21.50"),
            Decimal("4.95"),
            Decimal("26.45"),
        )
        # Prices include VAT: 26.45 × 0.2 / 1.2 = 4.408… → 4.41.
        assert order.vat_amount == Decimal("4.41")
        assert list(order.lines.values_list("product_name", "unit_price", "quantity", "line_total")) == [
            ("Blue Mug", Decimal("8.00"), 2, Decimal("16.00")),
            ("Red Bowl", Decimal("5.50"), 1, Decimal("5.50")),
        ]
        assert stock_of("Blue Mug") == 3
        assert not CartItem.objects.filter(cart__user=cart_of_two).exists()
        assert list(order.status_changes.values_list("from_status", "to_status")) == [("", "awaiting_payment")]

    def test_the_lines_keep_the_carts_order(self):
        """Added last, listed last: however the products are numbered (they are locked by number)."""
        newer, older = ProductFactory(name="Newer product"), ProductFactory(name="Older product")
        first = CartItemFactory(product=older)
        CartItemFactory(cart=first.cart, product=newer)
        user = first.cart.user

        cart_order = [item.product.name for item in cart_items(user=user)]
        order = place(user).order

        assert cart_order == ["Older product", "Newer product"]
        assert [line.product_name for line in order.lines.all()] == cart_order

    def test_catalog_changes_later_never_alter_the_order(self, cart_of_two):
        order = place(cart_of_two).order
        Product.objects.filter(name="Blue Mug").update(name="Renamed", price=Decimal("99.00"))

        line = OrderLine.objects.get(order=order, quantity=2)
        assert (line.product_name, line.unit_price) == ("Blue Mug", Decimal("8.00"))

    def test_reference_is_eight_unambiguous_characters_and_unique(self, cart_of_two):
        reference = place(cart_of_two).order.reference

        assert len(reference) == 8
        assert set(reference) <= set(REFERENCE_ALPHABET)
        assert not set(reference) & set("01OIL")

    def test_a_colliding_reference_is_drawn_again(self, cart_of_two, monkeypatch):
        other = CartItemFactory().cart.user
        first = place(other).order
        drawn = iter([first.reference, "ZZZZ2222"])
        monkeypatch.setattr(services, "new_reference", lambda: next(drawn))

        assert place(cart_of_two).order.reference == "ZZZZ2222"

    def test_same_checkout_token_places_one_order(self, cart_of_two):
        token = uuid.uuid4()
        first = place(cart_of_two, token=token, expected_total=Decimal("26.45"))
        second = place(cart_of_two, token=token, expected_total=Decimal("26.45"))

        assert not second.created
        assert second.order == first.order
        assert Order.objects.count() == 1
        assert stock_of("Blue Mug") == 3

    def test_a_price_change_places_nothing_and_says_what_changed(self, cart_of_two):
        seen = Decimal("26.45")
        Product.objects.filter(name="Blue Mug").update(price=Decimal("9.00"))

        with pytest.raises(CheckoutChanged) as raised:
            place(cart_of_two, expected_total=seen)

        assert raised.value.new_total == Decimal("28.45")
        assert "Blue Mug: $8.00 → $9.00 each" in raised.value.changes
        assert "Total: $26.45 → $28.45" in raised.value.changes
        assert not Order.objects.exists()
        assert stock_of("Blue Mug") == 5
        assert CartItem.objects.filter(cart__user=cart_of_two).count() == 2

    def test_confirming_the_new_total_places_the_order(self, cart_of_two):
        Product.objects.filter(name="Blue Mug").update(price=Decimal("9.00"))

        order = place(cart_of_two, expected_total=Decimal("28.45")).order

        assert order.total == Decimal("28.45")

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"on_hand": 1}, "Only 1 of Blue Mug left — you have 2 in your cart."),
            ({"on_hand": 0}, "Blue Mug is out of stock."),
            ({"is_active": False}, "Blue Mug is no longer sold."),
        ],
    )
    def test_a_line_that_cannot_be_bought_places_nothing(self, cart_of_two, change, message):
        Product.objects.filter(name="Blue Mug").update(**change)

        with pytest.raises(CheckoutChanged) as raised:
            place(cart_of_two, expected_total=Decimal("26.45"))

        assert raised.value.changes == [message]
        assert not Order.objects.exists()
        assert CartItem.objects.filter(cart__user=cart_of_two).count() == 2

    def test_an_empty_cart_places_nothing(self):
        with pytest.raises(EmptyCart):
            place(UserFactory(), expected_total=Decimal("0"))

    def test_free_shipping_from_the_threshold_and_abroad_prices(self):
        user = CartItemFactory(quantity=5, product__price=Decimal("10.00")).cart.user
        assert place(user, expected_total=Decimal("50.00")).order.shipping_cost == Decimal("0.00")

        user = CartItemFactory(quantity=1, product__price=Decimal("10.00")).cart.user
        assert place(user, country="FR").order.shipping_cost == Decimal("14.95")

    def test_the_address_goes_to_the_top_of_the_address_book_once(self, cart_of_two):
        place(cart_of_two)
        CartItemFactory(cart__user=cart_of_two)
        place(cart_of_two)

        assert Address.objects.filter(user=cart_of_two).count() == 1

    def test_the_order_and_the_address_book_keep_every_part_of_the_address(self, cart_of_two):
        tehran = {
            "full_name": "سارا احمدی",
            "street": "خیابان آزادی، پلاک ۱۲",
            "city": "تهران",
            "postal_code": "1345678910",
            "country": "IR",
            "phone": "+98 912 345 6789",
        }
        method = ShippingMethodFactory()
        details = ShippingDetails(email="sara@example.com", address=tehran, shipping_method=method)
        order = services.order_place(
            user=cart_of_two,
            details=details,
            checkout_token=uuid.uuid4(),
            expected_total=shown_total(cart_of_two, method, "IR"),
        ).order

        order.refresh_from_db()
        assert order.postal_address == tehran
        assert Address.objects.get(user=cart_of_two).postal_address == tehran

    def test_an_address_differing_in_one_part_is_a_new_entry_of_the_address_book(self, cart_of_two):
        place(cart_of_two)
        CartItemFactory(cart__user=cart_of_two)
        method = ShippingMethodFactory()
        address = shipping_details(method).address | {"phone": "+1 555 0100"}
        services.order_place(
            user=cart_of_two,
            details=ShippingDetails(email="ada@example.com", address=address, shipping_method=method),
            checkout_token=uuid.uuid4(),
            expected_total=shown_total(cart_of_two, method),
        )

        assert [entry.phone for entry in Address.objects.filter(user=cart_of_two)] == ["+1 555 0100", ""]

    def test_confirmation_email_is_sent_after_commit(self, cart_of_two, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            order = place(cart_of_two).order

        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert order.reference in mail.subject
        assert mail.to == ["ada@example.com"]
        assert "2 × Blue Mug" in mail.body
        assert "$26.45" in mail.alternatives[0].content

    def test_a_failing_email_is_logged_and_keeps_the_order(
        self, cart_of_two, monkeypatch, caplog, django_capture_on_commit_callbacks
    ):
        def broken_send(*args, **kwargs):
            raise ConnectionRefusedError("no mail server")

        monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken_send)
        with django_capture_on_commit_callbacks(execute=True):
            order = place(cart_of_two).order

        assert Order.objects.filter(pk=order.pk).exists()
        assert "Could not send the confirmation email" in caplog.text


class TestStatusChanges:
    def test_cancel_returns_stock_exactly_once(self, cart_of_two):
        order = place(cart_of_two).order
        staff = UserFactory(is_staff=True)

        assert services.order_cancel(order=order, changed_by=staff)
        assert not services.order_cancel(order=order, changed_by=staff)

        assert stock_of("Blue Mug") == 5
        change = OrderStatusChange.objects.filter(order=order).last()
        assert (change.from_status, change.to_status, change.changed_by) == ("awaiting_payment", "cancelled", staff)

    def test_paid_shipped_delivered_in_order_only(self, cart_of_two, mailoutbox, django_capture_on_commit_callbacks):
        order = place(cart_of_two).order

        assert not services.order_mark_shipped(order=order, changed_by=None)
        assert services.order_mark_paid(order=order, changed_by=None)
        with django_capture_on_commit_callbacks(execute=True):
            assert services.order_mark_shipped(order=order, changed_by=None)
        assert services.order_mark_delivered(order=order, changed_by=None)
        assert not services.order_cancel(order=order, changed_by=None)

        order.refresh_from_db()
        assert order.status == OrderStatus.DELIVERED
        assert [mail.subject for mail in mailoutbox] == [f"Corner Store: order {order.reference} is on its way"]
        assert stock_of("Blue Mug") == 3

    def test_the_stock_book_follows_the_order_from_placing_to_shipping(self, cart_of_two):
        order = place(cart_of_two).order
        services.order_mark_paid(order=order, changed_by=None)
        mug = Product.objects.get(name="Blue Mug")
        assert (mug.on_hand, mug.allocated) == (5, 2)  # paid, still on the shelf

        services.order_mark_shipped(order=order, changed_by=None)
        services.order_mark_delivered(order=order, changed_by=None)

        mug.refresh_from_db()
        assert (mug.on_hand, mug.allocated, mug.available) == (3, 0, 3)
        assert list(
            StockMovement.objects.filter(product=mug)
            .order_by("id")
            .values_list("reason", "on_hand_change", "allocated_change", "order")
        ) == [("opening", 5, 0, None), ("allocation", 0, 2, order.pk), ("sale", -2, -2, order.pk)]

    @pytest.mark.parametrize("paid", [False, True], ids=["unpaid", "paid"])
    def test_a_cancelled_order_releases_its_units_in_the_book(self, cart_of_two, paid):
        order = place(cart_of_two).order
        if paid:
            services.order_mark_paid(order=order, changed_by=None)

        services.order_cancel(order=order, changed_by=None)

        mug = Product.objects.get(name="Blue Mug")
        assert (mug.on_hand, mug.allocated) == (5, 0)
        last = StockMovement.objects.filter(product=mug).latest("id")
        assert (last.reason, last.allocated_change, last.order_id) == ("cancellation", -2, order.pk)

    def test_release_expires_only_old_unpaid_orders_once(self, cart_of_two, settings):
        settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 30
        old = place(cart_of_two).order
        Order.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=31))
        recent = place(CartItemFactory().cart.user).order

        call_command("release_unpaid_orders", stdout=open("/dev/null", "w"))
        assert services.orders_release_unpaid() == 0

        old.refresh_from_db()
        recent.refresh_from_db()
        assert (old.status, recent.status) == (OrderStatus.EXPIRED, OrderStatus.AWAITING_PAYMENT)
        assert stock_of("Blue Mug") == 5
        assert StockMovement.objects.filter(order=old, reason="expiry").count() == 2

    def test_payment_for_a_paid_order_cannot_start(self, cart_of_two):
        order = place(cart_of_two).order
        services.order_mark_paid(order=order, changed_by=None)

        with pytest.raises(OrderError):
            services.payment_start(order=order)

    def test_the_payment_provider_gets_machine_numbers_in_any_language(self, cart_of_two, settings):
        settings.SHOP_CURRENCY = "IRR"
        order = place(cart_of_two).order

        with translation.override("fa"):
            payment = services.payment_start(order=order)

        payment.refresh_from_db()
        assert (payment.total, payment.tax, payment.delivery, payment.currency) == (
            order.total,
            order.vat_amount,
            order.shipping_cost,
            "IRR",
        )
        assert [(item.price, item.currency) for item in payment.get_purchased_items()] == [
            (Decimal("8.00"), "IRR"),
            (Decimal("5.50"), "IRR"),
        ]


class TestBuyAgain:
    def test_puts_lines_back_capped_by_stock_with_notices(self, cart_of_two):
        order = place(cart_of_two).order
        Product.objects.filter(name="Blue Mug").update(on_hand=F("allocated") + 1)  # one left to sell
        Product.objects.filter(name="Red Bowl").update(is_active=False)

        notices = services.order_buy_again(user=cart_of_two, order=order)

        assert notices == ["Blue Mug: Only 1 left — quantity set to 1.", "Red Bowl is no longer sold."]
        assert list(CartItem.objects.filter(cart__user=cart_of_two).values_list("product__name", "quantity")) == [
            ("Blue Mug", 1)
        ]
