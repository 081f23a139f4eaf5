"""Catalog content in English and Persian (store/translation.py): the shopper's language, English as fallback."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from store.models import Category, Product
from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_names_and_descriptions_read_in_the_active_language():
    category = CategoryFactory(name_en="Tea", name_fa="چای")
    product = ProductFactory(
        name_en="Cast Iron Teapot",
        name_fa="قوری چدنی",
        description_en="Keeps tea hot.",
        description_fa="چای را گرم نگه می‌دارد.",
        category=category,
    )

    with translation.override("fa"):
        assert (product.name, product.description, product.category.name) == (
            "قوری چدنی",
            "چای را گرم نگه می‌دارد.",
            "چای",
        )
        assert str(product) == "قوری چدنی"
    with translation.override("en"):
        assert (product.name, product.description, product.category.name) == (
            "Cast Iron Teapot",
            "Keeps tea hot.",
            "Tea",
        )


def test_persian_falls_back_to_english_where_it_is_empty():
    product = ProductFactory(name_en="Hand Grinder", name_fa=None, description_en="Steel burrs.", description_fa="")
    category = CategoryFactory(name_en="Coffee", name_fa=None)

    with translation.override("fa"):
        assert (product.name, product.description, category.name) == ("Hand Grinder", "Steel burrs.", "Coffee")


def test_an_empty_persian_name_is_stored_empty_not_as_the_english_one():
    product = ProductFactory(name_en="Hand Grinder")

    product.refresh_from_db()

    assert product.name_fa is None


@pytest.mark.django_db(transaction=True)
def test_migrating_keeps_the_existing_catalog_as_its_english_text():
    executor = MigrationExecutor(connection)
    # After: every migration, so the models of today read the rows.
    before, after = [("store", "0003_catalog_search_and_sort_indexes")], executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    tea = old_apps.get_model("store", "Category").objects.create(name="Tea", slug="tea")
    old_apps.get_model("store", "Product").objects.create(
        category=tea, name="Sencha", slug="sencha", description="Grassy.", price="11.00"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)

    product = Product.objects.get(slug="sencha")
    assert (product.name_en, product.description_en, product.name_fa) == ("Sencha", "Grassy.", None)
    assert Category.objects.get(slug="tea").name_en == "Tea"
    with translation.override("fa"):
        assert product.name == "Sencha"

    executor = MigrationExecutor(connection)
    executor.migrate(before)  # and back again, the English text in the original columns

    old_apps = executor.loader.project_state(before).apps
    assert old_apps.get_model("store", "Product").objects.get(slug="sencha").name == "Sencha"
    MigrationExecutor(connection).migrate(after)
