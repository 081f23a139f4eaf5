from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from cart import services
from cart.models import Cart, CartItem
from cart.services import CartError, LineNotFound, ProductUnavailable, RemovedLine
from store.models import Product
from tests.factories import CartItemFactory, ProductFactory

pytestmark = pytest.mark.django_db


def line_quantity(user, product) -> int:
    return CartItem.objects.get(cart__user=user, product=product).quantity


class TestAdd:
    def test_first_add_creates_the_cart_and_one_line_at_the_current_price(self, user):
        product = ProductFactory(price=Decimal("12.50"))

        change = services.cart_add_product(user=user, product=product, quantity=2)

        item = CartItem.objects.get(cart__user=user)
        assert (item.product, item.quantity, item.unit_price) == (product, 2, Decimal("12.50"))
        assert change.quantity == 2
        assert change.notice == ""
        assert Cart.objects.filter(user=user).count() == 1

    def test_adding_again_increments_the_same_line(self, user):
        product = ProductFactory()
        services.cart_add_product(user=user, product=product, quantity=2)

        services.cart_add_product(user=user, product=product, quantity=3)

        assert CartItem.objects.filter(cart__user=user).count() == 1
        assert line_quantity(user, product) == 5

    def test_add_beyond_stock_is_capped_and_says_so(self, user):
        product = ProductFactory(stock=3)

        change = services.cart_add_product(user=user, product=product, quantity=5)

        assert line_quantity(user, product) == 3
        assert change.notice == "Only 3 left — quantity set to 3."

    def test_add_beyond_the_per_line_maximum_is_capped(self, user, settings):
        product = ProductFactory(stock=500)
        services.cart_add_product(user=user, product=product, quantity=95)

        change = services.cart_add_product(user=user, product=product, quantity=10)

        assert line_quantity(user, product) == 99
        assert "at most 99" in change.notice

    def test_add_when_the_line_already_holds_all_the_stock_is_refused(self, user):
        product = ProductFactory(stock=2)
        services.cart_add_product(user=user, product=product, quantity=2)

        with pytest.raises(CartError, match="Only 2 left — you already have 2"):
            services.cart_add_product(user=user, product=product, quantity=1)
        assert line_quantity(user, product) == 2

    def test_out_of_stock_product_is_refused(self, user):
        with pytest.raises(ProductUnavailable, match="out of stock"):
            services.cart_add_product(user=user, product=ProductFactory(stock=0), quantity=1)
        assert not CartItem.objects.exists()

    def test_inactive_product_is_refused(self, user):
        with pytest.raises(ProductUnavailable, match="no longer sold"):
            services.cart_add_product(user=user, product=ProductFactory(is_active=False), quantity=1)

    @pytest.mark.parametrize("quantity", [0, -1])
    def test_quantity_below_one_is_refused(self, user, quantity):
        with pytest.raises(CartError):
            services.cart_add_product(user=user, product=ProductFactory(), quantity=quantity)

    def test_stock_is_read_fresh_not_from_the_callers_copy(self, user):
        product = ProductFactory(stock=10)
        stale = ProductFactory._meta.model.objects.get(pk=product.pk)
        product.on_hand = 1
        product.save()

        services.cart_add_product(user=user, product=stale, quantity=4)

        assert line_quantity(user, product) == 1


class TestChangeLine:
    def test_increase_and_decrease_step_by_one(self, user):
        item = CartItemFactory(cart__user=user, quantity=2)

        assert services.cart_increase(user=user, item_id=item.pk).quantity == 3
        assert services.cart_decrease(user=user, item_id=item.pk).quantity == 2

    def test_the_changed_line_carries_exact_prices_and_the_whole_product(self, user):
        item = CartItemFactory(
            cart__user=user, quantity=1, unit_price=Decimal("10.10"), product__price=Decimal("12.99")
        )

        change = services.cart_increase(user=user, item_id=item.pk)

        assert (change.item.unit_price, change.product.price) == (Decimal("10.10"), Decimal("12.99"))
        assert change.product.is_active is True
        # Columns the change does not read still load when asked for.
        assert change.product.description == item.product.description
        assert change.product.category == item.product.category

    def test_decrease_at_one_removes_the_line(self, user):
        item = CartItemFactory(cart__user=user, quantity=1)

        change = services.cart_decrease(user=user, item_id=item.pk)

        assert change.removed
        assert not CartItem.objects.filter(pk=item.pk).exists()

    def test_increase_at_stock_is_refused_with_a_message(self, user):
        item = CartItemFactory(cart__user=user, quantity=2, product__stock=2)

        with pytest.raises(CartError, match="Only 2 left"):
            services.cart_increase(user=user, item_id=item.pk)

    def test_increase_at_the_maximum_is_refused(self, user):
        item = CartItemFactory(cart__user=user, quantity=99, product__stock=500)

        with pytest.raises(CartError, match="most we sell"):
            services.cart_increase(user=user, item_id=item.pk)

    def test_changes_bring_a_line_above_stock_down_to_the_stock(self, user):
        item = CartItemFactory(cart__user=user, quantity=5, product__stock=10)
        item.product.on_hand = 3
        item.product.save()

        change = services.cart_increase(user=user, item_id=item.pk)

        assert change.quantity == 3
        assert change.notice == "Only 3 left — quantity set to 3."

    def test_decrease_of_a_line_above_stock_lands_on_the_stock(self, user):
        item = CartItemFactory(cart__user=user, quantity=8, product__stock=10)
        item.product.on_hand = 4
        item.product.save()

        assert services.cart_decrease(user=user, item_id=item.pk).quantity == 4

    def test_set_quantity(self, user):
        item = CartItemFactory(cart__user=user, quantity=1)

        change = services.cart_set_quantity(user=user, item_id=item.pk, quantity=7)

        assert change.quantity == 7
        assert line_quantity(user, item.product) == 7

    def test_set_quantity_zero_removes_the_line(self, user):
        item = CartItemFactory(cart__user=user)

        assert services.cart_set_quantity(user=user, item_id=item.pk, quantity=0).removed
        assert not CartItem.objects.exists()

    def test_set_quantity_above_stock_is_capped_and_says_so(self, user):
        item = CartItemFactory(cart__user=user, product__stock=4)

        change = services.cart_set_quantity(user=user, item_id=item.pk, quantity=9)

        assert change.quantity == 4
        assert change.notice == "Only 4 left — quantity set to 4."

    def test_set_negative_quantity_is_refused(self, user):
        item = CartItemFactory(cart__user=user)

        with pytest.raises(CartError):
            services.cart_set_quantity(user=user, item_id=item.pk, quantity=-2)

    def test_changing_an_inactive_product_is_refused_but_removing_it_works(self, user):
        item = CartItemFactory(cart__user=user, product__is_active=False)

        with pytest.raises(ProductUnavailable):
            services.cart_increase(user=user, item_id=item.pk)
        with pytest.raises(ProductUnavailable):
            services.cart_set_quantity(user=user, item_id=item.pk, quantity=2)
        services.cart_remove(user=user, item_id=item.pk)
        assert not CartItem.objects.exists()

    @pytest.mark.parametrize(
        "change",
        [
            lambda user, item_id: services.cart_increase(user=user, item_id=item_id),
            lambda user, item_id: services.cart_decrease(user=user, item_id=item_id),
            lambda user, item_id: services.cart_set_quantity(user=user, item_id=item_id, quantity=2),
            lambda user, item_id: services.cart_remove(user=user, item_id=item_id),
        ],
    )
    def test_another_shoppers_line_is_not_found_and_untouched(self, user, change):
        theirs = CartItemFactory(quantity=3)

        with pytest.raises(LineNotFound):
            change(user, theirs.pk)

        theirs.refresh_from_db()
        assert theirs.quantity == 3


class TestRemoveAndUndo:
    def test_remove_returns_what_undo_needs(self, user):
        item = CartItemFactory(cart__user=user, quantity=4, unit_price=Decimal("9.00"))

        removed = services.cart_remove(user=user, item_id=item.pk)

        assert removed == RemovedLine(product=item.product, quantity=4, unit_price=Decimal("9.00"))
        assert not CartItem.objects.exists()

    def test_undo_puts_the_line_back_at_its_old_price(self, user):
        item = CartItemFactory(cart__user=user, quantity=4, unit_price=Decimal("9.00"), product__price=Decimal("11.00"))
        removed = services.cart_remove(user=user, item_id=item.pk)

        (change,) = services.cart_undo_remove(user=user, removed=[removed]).changes

        restored = CartItem.objects.get(cart__user=user)
        assert (restored.quantity, restored.unit_price) == (4, Decimal("9.00"))
        assert change.item == restored

    def test_undo_after_the_product_was_added_again_keeps_the_larger_quantity(self, user):
        item = CartItemFactory(cart__user=user, quantity=4)
        removed = services.cart_remove(user=user, item_id=item.pk)
        services.cart_add_product(user=user, product=item.product, quantity=1)

        services.cart_undo_remove(user=user, removed=[removed])

        assert line_quantity(user, item.product) == 4
        assert CartItem.objects.filter(cart__user=user).count() == 1

    def test_undo_is_capped_by_current_stock(self, user):
        item = CartItemFactory(cart__user=user, quantity=6, product__stock=10)
        removed = services.cart_remove(user=user, item_id=item.pk)
        item.product.on_hand = 2
        item.product.save()

        (change,) = services.cart_undo_remove(user=user, removed=[removed]).changes

        assert change.quantity == 2
        assert change.notice == "Only 2 left — quantity set to 2."

    def test_undo_puts_back_what_it_can_and_says_why_not_the_rest(self, user):
        kept = CartItemFactory(cart__user=user, quantity=2, product__name="Kettle")
        retired = CartItemFactory(cart__user=user, quantity=1, product__name="Old Lamp")
        removed = services.cart_clear(user=user)
        Product.objects.filter(pk=retired.product.pk).update(is_active=False)

        restored = services.cart_undo_remove(user=user, removed=removed)

        assert [change.product.name for change in restored.changes] == ["Kettle"]
        assert restored.refusals == ["Old Lamp is no longer sold."]
        assert line_quantity(user, kept.product) == 2

    def test_undo_with_nothing_buyable_changes_nothing_and_says_why(self, user):
        item = CartItemFactory(cart__user=user, product__name="Old Lamp")
        removed = services.cart_remove(user=user, item_id=item.pk)
        Product.objects.filter(pk=item.product.pk).update(is_active=False)

        with pytest.raises(CartError, match="Old Lamp is no longer sold."):
            services.cart_undo_remove(user=user, removed=[removed])
        assert not CartItem.objects.exists()


def test_clear_empties_only_this_cart_and_returns_what_undo_needs(user):
    mine = CartItemFactory.create_batch(3, cart__user=user)
    theirs = CartItemFactory()

    removed = services.cart_clear(user=user)

    assert [(line.product, line.quantity) for line in removed] == [(item.product, item.quantity) for item in mine]
    assert list(CartItem.objects.all()) == [theirs]


class TestConstraints:
    def test_one_line_per_product(self, user):
        item = CartItemFactory(cart__user=user)

        with pytest.raises(IntegrityError), transaction.atomic():
            CartItem.objects.create(cart=item.cart, product=item.product, quantity=1, unit_price=Decimal("1"))

    @pytest.mark.parametrize("quantity", [0, 100])
    def test_quantity_must_be_within_one_and_the_maximum(self, user, quantity):
        item = CartItemFactory(cart__user=user)

        with pytest.raises(IntegrityError), transaction.atomic():
            CartItem.objects.filter(pk=item.pk).update(quantity=quantity)

    def test_one_cart_per_user(self, user):
        Cart.objects.create(user=user)

        with pytest.raises(IntegrityError), transaction.atomic():
            Cart.objects.create(user=user)
