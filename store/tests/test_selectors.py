from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone, translation

from store.models import Product
from store.selectors import product_get_active, product_list_related, product_search
from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def names(products) -> list[str]:
    return [product.name for product in products]


@pytest.fixture
def shelf():
    tea = CategoryFactory(name="Tea", slug="tea")
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    ProductFactory(name="Cast Iron Teapot", category=tea, price=Decimal("49.00"), description="Keeps tea hot.")
    ProductFactory(name="Sencha", category=tea, price=Decimal("11.00"), description="Grassy Japanese green tea.")
    ProductFactory(name="Chef's Knife", category=kitchen, price=Decimal("89.00"), description="German steel.")
    ProductFactory(name="Wooden Spoon", category=kitchen, price=Decimal("5.00"), description="Beech, oiled.")


@pytest.mark.usefixtures("shelf")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("teapot", ["Cast Iron Teapot"]),  # a word of the name
        ("JAPANESE", ["Sencha"]),  # a word of the description, any case
        ("kitchen", ["Chef's Knife", "Wooden Spoon"]),  # the category's name
        ("tea hot", ["Cast Iron Teapot"]),  # every word must match somewhere
        ("  spoon  ", ["Wooden Spoon"]),
        ("saucepan", []),
    ],
)
def test_search_matches_every_word_in_name_description_or_category(query, expected):
    assert names(product_search(query=query)) == expected


@pytest.mark.usefixtures("shelf")
def test_category_filter_keeps_only_that_category():
    assert names(product_search(category_slug="tea")) == ["Cast Iron Teapot", "Sencha"]
    assert names(product_search(category_slug="no-such-category")) == []


@pytest.mark.usefixtures("shelf")
def test_search_and_category_combine():
    assert names(product_search(query="tea", category_slug="kitchen")) == []
    assert names(product_search(query="steel", category_slug="kitchen")) == ["Chef's Knife"]


@pytest.mark.usefixtures("shelf")
@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Cast Iron Teapot", "Chef's Knife", "Sencha", "Wooden Spoon"]),
        ("price", ["Wooden Spoon", "Sencha", "Cast Iron Teapot", "Chef's Knife"]),
        ("-price", ["Chef's Knife", "Cast Iron Teapot", "Sencha", "Wooden Spoon"]),
        ("made-up", ["Cast Iron Teapot", "Chef's Knife", "Sencha", "Wooden Spoon"]),
    ],
)
def test_sorts(sort, expected):
    assert names(product_search(sort=sort)) == expected


def test_newest_sort_puts_the_latest_arrival_first():
    now = timezone.now()
    for days_ago, name in [(3, "Old"), (1, "Recent"), (2, "Middle")]:
        product = ProductFactory(name=name)
        Product.objects.filter(pk=product.pk).update(created_at=now - timedelta(days=days_ago))

    assert names(product_search(sort="newest")) == ["Recent", "Middle", "Old"]


def test_equal_prices_keep_a_stable_order_across_pages():
    products = [ProductFactory(price=Decimal("10.00")) for _ in range(5)]

    assert list(product_search(sort="price")) == sorted(products, key=lambda product: product.pk)


def test_inactive_products_are_never_found():
    ProductFactory(name="Retired Teapot", is_active=False)

    assert names(product_search()) == []
    assert names(product_search(query="teapot")) == []


def test_product_get_active_hides_inactive_and_unknown_products():
    active = ProductFactory(slug="on-sale")
    ProductFactory(slug="retired", is_active=False)

    assert product_get_active(slug="on-sale") == active
    assert product_get_active(slug="retired") is None
    assert product_get_active(slug="never-existed") is None


def test_related_products_are_up_to_four_others_on_sale_in_the_same_category(django_assert_num_queries):
    tea = CategoryFactory(name="Tea", slug="tea")
    teapot = ProductFactory(name="Cast Iron Teapot", category=tea)
    for name in ("Assam", "Earl Grey", "Matcha Whisk", "Rooibos", "Sencha"):
        ProductFactory(name=name, category=tea)
    ProductFactory(name="Chamomile", category=tea, is_active=False)
    ProductFactory(name="Chef's Knife", category=CategoryFactory(name="Kitchen", slug="kitchen"))

    with django_assert_num_queries(1):
        related = list(product_list_related(product=teapot))

    assert names(related) == ["Assam", "Earl Grey", "Matcha Whisk", "Rooibos"]
    assert related[0].category.name == "Tea"


# Both languages: the same results on SQLite and PostgreSQL.


@pytest.fixture
def persian_shelf():
    tea = CategoryFactory(name_en="Tea", name_fa="چای", slug="tea")
    kitchen = CategoryFactory(name_en="Kitchen", name_fa="آشپزخانه", slug="kitchen")
    ProductFactory(
        name_en="Glass Tea Infuser Mug",
        name_fa="ماگ شیشه\u200cای دمنوش\u200cساز",  # half-spaces (ZWNJ) inside the words, as Persian writes them
        description_en="Borosilicate mug with a removable infuser.",
        description_fa="ماگ بوروسیلیکات با صافی جداشدنی.",
        category=tea,
    )
    ProductFactory(
        name_en="Linen Tea Towels (2)",
        name_fa="دستمال آشپزخانه کتان (۲ عددی)",  # Persian digits
        description_en="Stonewashed linen.",
        description_fa="کتان سنگ\u200cشور.",
        category=kitchen,
    )
    ProductFactory(name_en="Chef's Knife", name_fa="چاقوی سرآشپز", description_fa="فولاد آلمانی.", category=kitchen)


@pytest.mark.usefixtures("persian_shelf")
@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ماگ", ["Glass Tea Infuser Mug"]),  # a Persian word of the name
        ("infuser", ["Glass Tea Infuser Mug"]),  # the English name, whichever language the shop is in
        ("چاقوي", ["Chef's Knife"]),  # typed with the Arabic yeh (ي), stored with the Persian (ی)
        ("سرآشپز", ["Chef's Knife"]),
        ("شیشه ای", ["Glass Tea Infuser Mug"]),  # a space where the name has a half-space
        ("شیشه\u200cای", ["Glass Tea Infuser Mug"]),  # the half-space itself
        ("دستمال ۲", ["Linen Tea Towels (2)"]),  # Persian digits in the query and the name
        ("دستمال 2", ["Linen Tea Towels (2)"]),  # Latin digits find Persian ones
        ("towels ٢", ["Linen Tea Towels (2)"]),  # Arabic-Indic digits find Latin ones
        ("آلمانی", ["Chef's Knife"]),  # the Persian description
        ("چای کتان", []),  # every word must match: no tea product is linen
        ("آشپزخانه کتان", ["Linen Tea Towels (2)"]),  # the category's Persian name with the name
    ],
)
def test_search_finds_products_by_their_persian_or_english_text(query, expected, language):
    with translation.override(language):
        found = list(product_search(query=query))

    with translation.override("en"):
        assert names(found) == expected


@pytest.mark.usefixtures("persian_shelf")
def test_arabic_letters_typed_on_an_arabic_keyboard_find_the_persian_ones():
    assert names(product_search(query="كتان")) == ["Linen Tea Towels (2)"]  # Arabic kaf (ك) for the Persian (ک)
    assert names(product_search(query="شيشه اى")) == ["Glass Tea Infuser Mug"]  # Arabic yeh and alef maksura


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite sorts Persian by code point")
def test_sort_by_name_in_persian_follows_the_persian_alphabet_and_puts_untranslated_names_last():
    # By code point پ (U+067E) and گ (U+06AF) would come after ی (U+06CC) and و after ه.
    for name_fa in ["یخدان", "گلدان", "پارچ", "وردنه", "هاون", "بشقاب"]:
        ProductFactory(name_fa=name_fa)
    ProductFactory(name_en="Untranslated", name_fa=None)

    with translation.override("fa"):
        assert names(product_search(sort="name")) == [
            "بشقاب",
            "پارچ",
            "گلدان",
            "وردنه",
            "هاون",
            "یخدان",
            "Untranslated",
        ]
