"""Test data for every app's tests."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from cart.models import Cart, CartItem
from orders.models import Address, Order, ShippingMethod
from store.models import Category, Product
from store.services import stock_open

# Every factory-made user's password, for tests that log in through a form.
PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"shopper{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(PASSWORD)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    description = "A fine thing."
    price = Decimal("10.00")
    on_hand = factory.SelfAttribute("stock")

    class Params:
        # Units available: on hand with nothing allocated, the book opened with one movement.
        stock = 50

    @factory.post_generation
    def opening_stock(product: Product, create: bool, extracted, **kwargs) -> None:
        if create:
            stock_open(products=[product])


class CartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cart
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)


class CartItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CartItem

    cart = factory.SubFactory(CartFactory)
    product = factory.SubFactory(ProductFactory)
    quantity = 1
    unit_price = factory.LazyAttribute(lambda item: item.product.price)


class ShippingMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingMethod
        django_get_or_create = ["name"]

    name = "Standard"
    description = "3–5 working days"
    price = Decimal("4.95")
    price_abroad = Decimal("14.95")
    free_above = Decimal("50.00")


class PostalAddressFactory(factory.django.DjangoModelFactory):
    """The address an address book entry and an order share (orders.models.PostalAddress)."""

    class Meta:
        abstract = True

    full_name = "Ada Lovelace"
    street = "12 Analytical Row"
    city = "Springfield"
    postal_code = "12345"
    country = "US"


class AddressFactory(PostalAddressFactory):
    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)


class OrderFactory(PostalAddressFactory):
    """An order as placing one leaves it, awaiting payment; lines are not needed by the pages that list orders."""

    class Meta:
        model = Order

    user = factory.SubFactory(UserFactory)
    reference = factory.Sequence(lambda n: f"T{n:07d}")
    checkout_token = factory.Faker("uuid4", cast_to=None)
    email = factory.LazyAttribute(lambda order: order.user.email)
    shipping_method = "Standard"
    shipping_cost = Decimal("4.95")
    subtotal = Decimal("16.00")
    total = Decimal("20.95")
    vat_rate = Decimal("0.0000")
    vat_amount = Decimal("0.00")
