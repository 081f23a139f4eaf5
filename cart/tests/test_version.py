"""The cart's version moves with every change to what the cart shows, and with nothing else."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cart import services
from cart.models import Cart
from cart.selectors import cart_summary
from cart.services import CartError
from orders.tests.helpers import place
from store.models import Product, StockReason
from store.services import stock_adjust, stock_recount
from tests.factories import CartItemFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def version_of(user) -> int:
    return Cart.objects.get(user=user).version


@pytest.fixture
def item(user):
    """A line of 3 of a product with 10 in stock, in a cart that has seen no change yet."""
    return CartItemFactory(cart__user=user, quantity=3, product__stock=10, product__price=Decimal("4.00"))


CHANGES = {
    "add a new product": lambda user, item: services.cart_add_product(user=user, product=ProductFactory(), quantity=1),
    "add more of a product": lambda user, item: services.cart_add_product(user=user, product=item.product, quantity=2),
    "+": lambda user, item: services.cart_increase(user=user, item_id=item.pk),
    "−": lambda user, item: services.cart_decrease(user=user, item_id=item.pk),
    "set": lambda user, item: services.cart_set_quantity(user=user, item_id=item.pk, quantity=7),
    "set to 0": lambda user, item: services.cart_set_quantity(user=user, item_id=item.pk, quantity=0),
    "remove": lambda user, item: services.cart_remove(user=user, item_id=item.pk),
    "clear": lambda user, item: services.cart_clear(user=user),
    "order placed": lambda user, item: place(user),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_moves_the_version(user, item, change):
    before = version_of(user)

    CHANGES[change](user, item)

    assert version_of(user) > before


def test_undo_moves_the_version(user, item):
    removed = services.cart_remove(user=user, item_id=item.pk)
    before = version_of(user)

    services.cart_undo_remove(user=user, removed=[removed])

    assert version_of(user) > before


def test_the_first_add_creates_the_cart_at_a_version_past_the_empty_one(user):
    services.cart_add_product(user=user, product=ProductFactory(), quantity=1)

    assert version_of(user) == 1


def test_a_refused_add_leaves_the_version(user, item):
    before = version_of(user)

    with pytest.raises(CartError):
        services.cart_add_product(user=user, product=ProductFactory(is_active=False), quantity=1)

    assert version_of(user) == before


def test_a_refused_increase_leaves_the_version(user, item):
    services.cart_set_quantity(user=user, item_id=item.pk, quantity=10)
    before = version_of(user)

    with pytest.raises(CartError):
        services.cart_increase(user=user, item_id=item.pk)  # all 10 in stock are in the cart

    assert version_of(user) == before


def test_setting_the_quantity_the_line_has_leaves_the_version(user, item):
    before = version_of(user)

    services.cart_set_quantity(user=user, item_id=item.pk, quantity=3)

    assert version_of(user) == before


def test_emptying_an_empty_cart_leaves_the_version(user):
    Cart.objects.create(user=user)

    services.cart_clear(user=user)

    assert version_of(user) == 0


def test_reading_the_cart_leaves_the_version(shopper_client, user, item):
    before = version_of(user)

    shopper_client.get(reverse("cart:detail"))
    shopper_client.get(reverse("cart:mini"), headers={"HX-Request": "true"})
    shopper_client.get(reverse("store:product_list"))
    cart_summary(user=user)

    assert version_of(user) == before


def test_another_shoppers_change_leaves_this_cart_alone(user, item):
    before = version_of(user)

    services.cart_add_product(user=UserFactory(), product=item.product, quantity=1)

    assert version_of(user) == before


def test_the_summary_says_the_version_its_figures_were_read_at(user, item):
    services.cart_increase(user=user, item_id=item.pk)

    summary = cart_summary(user=user)

    assert (summary.item_count, summary.version) == (4, version_of(user))


# What the owner changes of a product reaches the carts holding it once the change commits.


def save_product(product: Product, django_capture_on_commit_callbacks, **fields) -> None:
    product = Product.objects.get(pk=product.pk)  # as the admin's form loads it
    for name, value in fields.items():
        setattr(product, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        product.save()


@pytest.mark.parametrize(
    "fields",
    [
        {"price": Decimal("4.50")},
        {"name": "Renamed"},
        {"is_active": False},
    ],
    ids=["price", "name", "no longer sold"],
)
def test_a_product_change_the_cart_shows_moves_the_version(user, item, django_capture_on_commit_callbacks, fields):
    before = version_of(user)

    save_product(item.product, django_capture_on_commit_callbacks, **fields)

    assert version_of(user) == before + 1


def recount(product: Product, django_capture_on_commit_callbacks, counted: int) -> None:
    """The owner's recount, through the stock book, as the admin makes it."""
    product = Product.objects.get(pk=product.pk)
    with django_capture_on_commit_callbacks(execute=True):
        stock_recount(product=product, counted=counted, expected=product.on_hand)


@pytest.mark.parametrize("counted", [2, 0], ids=["stock below the line", "sold out"])
def test_a_recount_below_the_line_moves_the_version(user, item, django_capture_on_commit_callbacks, counted):
    before = version_of(user)

    recount(item.product, django_capture_on_commit_callbacks, counted)  # the line now says "Only 2 left"

    assert version_of(user) == before + 1


def test_stock_coming_back_above_a_reduced_line_moves_the_version(user, item, django_capture_on_commit_callbacks):
    recount(item.product, django_capture_on_commit_callbacks, 1)
    before = version_of(user)

    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=item.product, change=19, reason=StockReason.RECEIPT)

    assert version_of(user) == before + 1


@pytest.mark.parametrize("counted", [9, 40, 10], ids=["stock still above the line", "more stock", "count confirmed"])
def test_a_recount_above_the_line_leaves_the_version(user, item, django_capture_on_commit_callbacks, counted):
    before = version_of(user)

    recount(item.product, django_capture_on_commit_callbacks, counted)

    assert version_of(user) == before


@pytest.mark.parametrize(
    "fields",
    [{"description": "Now with a lid."}, {}],
    ids=["description", "saved unchanged"],
)
def test_a_product_change_the_cart_does_not_show_leaves_the_version(
    user, item, django_capture_on_commit_callbacks, fields
):
    before = version_of(user)

    save_product(item.product, django_capture_on_commit_callbacks, **fields)

    assert version_of(user) == before


def test_a_product_change_leaves_carts_without_it(user, item, django_capture_on_commit_callbacks):
    other = CartItemFactory(quantity=1)
    before = version_of(other.cart.user)

    save_product(item.product, django_capture_on_commit_callbacks, price=Decimal("9.00"))

    assert version_of(other.cart.user) == before


def test_another_shoppers_order_taking_the_stock_below_the_line_moves_the_version(
    user, item, django_capture_on_commit_callbacks
):
    """Their order holds 8 of the 10: the line of 3 now says "Only 2 left"."""
    other = UserFactory()
    services.cart_add_product(user=other, product=item.product, quantity=8)
    before = version_of(user)

    with django_capture_on_commit_callbacks(execute=True):
        place(other)

    assert version_of(user) == before + 1


def test_another_shoppers_order_leaving_enough_for_the_line_leaves_the_version(
    user, item, django_capture_on_commit_callbacks
):
    other = UserFactory()
    services.cart_add_product(user=other, product=item.product, quantity=7)
    before = version_of(user)

    with django_capture_on_commit_callbacks(execute=True):
        place(other)

    assert version_of(user) == before


def test_deleting_a_product_moves_the_version_of_the_carts_that_held_it(user, item, django_capture_on_commit_callbacks):
    Cart.objects.filter(user=user).update(line_count=1, value=Decimal("12.00"))  # the owner's figures of the line
    other = CartItemFactory(quantity=1)
    before, other_before = version_of(user), version_of(other.cart.user)

    with django_capture_on_commit_callbacks(execute=True):
        item.product.delete()

    cart = Cart.objects.get(user=user)
    assert cart.version == before + 1
    assert (cart.line_count, cart.value) == (0, Decimal("0.00"))
    assert version_of(other.cart.user) == other_before
