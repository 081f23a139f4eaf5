from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from store.models import Product
from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_database_rejects_a_negative_price():
    product = ProductFactory()

    # update() skips model validation: only the database's check constraint can refuse it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(price=Decimal("-0.01"))


@pytest.mark.parametrize(
    "change",
    [{"on_hand": -1}, {"allocated": -1}, {"allocated": 51}],
    ids=["on hand below zero", "allocated below zero", "allocated above on hand"],
)
def test_database_rejects_impossible_stock(change):
    product = ProductFactory(stock=50)

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(**change)


def test_free_and_sold_out_product_is_allowed():
    product = ProductFactory(price=Decimal("0.00"), stock=0)

    product.full_clean()
    product.refresh_from_db()
    assert (product.price, product.available, product.in_stock) == (Decimal("0.00"), 0, False)


def test_model_validation_blames_the_price_field_for_a_negative_price():
    product = ProductFactory.build(category=CategoryFactory(), price=Decimal("-5.00"))

    with pytest.raises(ValidationError) as error:
        product.full_clean()

    assert error.value.message_dict == {"price": ["Ensure this value is greater than or equal to 0."]}


def test_two_products_cannot_share_a_slug():
    ProductFactory(slug="hand-grinder")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(slug="hand-grinder")


def test_price_keeps_exact_cents():
    product = ProductFactory(price=Decimal("19.99"))

    product.refresh_from_db()

    assert product.price == Decimal("19.99")
    assert isinstance(product.price, Decimal)


def test_urls_point_at_the_detail_page_and_the_filtered_list():
    product = ProductFactory(slug="hand-grinder", category=CategoryFactory(slug="coffee"))

    assert product.get_absolute_url() == "/products/hand-grinder/"
    assert product.category.get_absolute_url() == "/?category=coffee"
