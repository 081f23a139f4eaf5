"""PostgreSQL's ranked, typo-tolerant search and the search vector its triggers keep (CI runs these there)."""

import pytest
from django.db import connection

from store.models import Product
from store.search_text import normalize
from store.selectors import product_search
from tests.factories import CategoryFactory, ProductFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text and trigram search need PostgreSQL"),
]


def names(products) -> list[str]:
    return [product.name for product in products]


@pytest.fixture
def shelf():
    tea = CategoryFactory(name="Tea", slug="tea")
    coffee = CategoryFactory(name="Coffee", slug="coffee")
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    ProductFactory(name="Cast Iron Teapot", category=tea, description="Keeps it hot.")
    ProductFactory(name="Sencha", category=tea, description="Grassy and bright.")
    ProductFactory(name="Tea Towel", category=kitchen, description="Linen, for drying cups.")
    ProductFactory(name="Milk Jug", category=kitchen, description="For tea or coffee.")
    ProductFactory(name="Hand Grinder", category=coffee, description="Steel burrs for a fine grind.")
    ProductFactory(name="Pour-over Dripper", category=coffee, description="Ceramic cone.")


@pytest.mark.usefixtures("shelf")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The word in the name (weight A) before the category (B) before only the description (C).
        ("tea", ["Tea Towel", "Cast Iron Teapot", "Sencha", "Milk Jug"]),
        ("coffee", ["Hand Grinder", "Pour-over Dripper", "Milk Jug"]),
        # Every word must be found; a word counts more in the name.
        ("tea cups", ["Tea Towel"]),
        ("grind", ["Hand Grinder"]),  # the start of a word
        ("iron teap", ["Cast Iron Teapot"]),  # the last word may be the start of one
        ("GRINDER", ["Hand Grinder"]),  # any case
        ("steel coffee", ["Hand Grinder"]),  # description and category together
    ],
)
def test_results_come_in_order_of_relevance(query, expected):
    assert names(product_search(query=query)) == expected


@pytest.mark.usefixtures("shelf")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("grnder", ["Hand Grinder"]),  # a letter left out
        ("hand grindr", ["Hand Grinder"]),
        ("ceramic driper", ["Pour-over Dripper"]),  # one word right (in the description), one mistyped
        ("teapto", ["Cast Iron Teapot"]),  # two letters swapped
        ("inder", ["Hand Grinder"]),  # the middle of a word
        ("tea pot", ["Cast Iron Teapot"]),  # a short word inside a word of the name
        ("teap cast", ["Cast Iron Teapot"]),  # the start of a word, not the last one
    ],
)
def test_typos_and_parts_of_words_still_find_the_product(query, expected):
    assert names(product_search(query=query)) == []  # no product has every word as written
    assert names(product_search(query=query, tolerate_typos=True)) == expected


@pytest.mark.usefixtures("shelf")
def test_the_shop_forgives_a_typo_only_when_nothing_matches_as_typed(client):
    typo = client.get("/", {"q": "grnder"})
    exact = client.get("/", {"q": "dripper"})

    assert [product.name for product in typo.context["page"].object_list] == ["Hand Grinder"]
    assert "Results for “<bdi>grnder</bdi>”" in typo.content.decode()
    assert [product.name for product in exact.context["page"].object_list] == ["Pour-over Dripper"]


@pytest.mark.usefixtures("shelf")
def test_nothing_close_finds_nothing():
    assert names(product_search(query="submarine", tolerate_typos=True)) == []


@pytest.mark.usefixtures("shelf")
def test_a_chosen_sort_orders_the_matches():
    assert names(product_search(query="tea", sort="name")) == ["Cast Iron Teapot", "Milk Jug", "Sencha", "Tea Towel"]


def test_persian_and_arabic_spellings_find_each_other():
    books = CategoryFactory(name="کتاب", slug="books")
    ProductFactory(name="دفتر كوچك", category=books, description="۱۰۰ برگ")  # Arabic kaf in the name
    ProductFactory(name="مداد مشکی", category=books)  # Persian keheh and yeh

    assert names(product_search(query="دفتر کوچک")) == ["دفتر كوچك"]  # typed with the Persian keheh
    assert names(product_search(query="مشكي")) == ["مداد مشکی"]  # typed with Arabic kaf and yeh
    assert names(product_search(query="100")) == ["دفتر كوچك"]  # Persian digits in the description
    assert names(product_search(query="دفتر\u200cکوچک")) == ["دفتر كوچك"]  # a half-space between the words


def test_the_database_normalises_exactly_as_python_does():
    text = "Café ÄB يكى ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ نیم\u200cفاصله"
    with connection.cursor() as cursor:
        cursor.execute("SELECT store_search_normalize(%s)", [text])
        [(in_database,)] = cursor.fetchall()

    assert in_database == normalize(text)


def test_search_vector_follows_edits_of_the_product_and_renames_of_its_category():
    category = CategoryFactory(name="Tea", slug="tea")
    product = ProductFactory(name="Sencha", category=category, description="Green.")

    product.name = "Gyokuro"
    product.description = "Shaded."
    product.save()
    category.name = "Japanese Tea"
    category.save()

    assert names(product_search(query="gyokuro")) == ["Gyokuro"]
    assert names(product_search(query="shaded japanese")) == ["Gyokuro"]
    assert names(product_search(query="sencha")) == []
    # The trigger, not Python, wrote it: a bulk update that bypasses save() is covered too.
    Product.objects.filter(pk=product.pk).update(name="Bancha")
    assert names(product_search(query="bancha")) == ["Bancha"]


def test_both_languages_are_in_the_vector_with_their_weights_and_follow_edits():
    coffee = CategoryFactory(name_en="Coffee", name_fa="قهوه", slug="coffee")
    grinder = ProductFactory(
        name_en="Hand Grinder", name_fa="آسیاب دستی", description_fa="تیغه‌های فولادی.", category=coffee
    )
    ProductFactory(name_en="Milk Jug", name_fa="شیرجوش", description_fa="برای قهوه یا چای.", category=coffee)

    # The name (A) before the category's name (B) before only the description (C), in Persian too.
    assert names(product_search(query="آسیاب")) == ["Hand Grinder"]
    # Both in the category; the jug's description says it too.
    assert names(product_search(query="قهوه")) == ["Milk Jug", "Hand Grinder"]
    assert names(product_search(query="فولادی")) == ["Hand Grinder"]

    grinder.name_fa = "آسیاب برقی"
    grinder.save()
    coffee.name_fa = "قهوه و اسپرسو"
    coffee.save()

    assert names(product_search(query="برقی اسپرسو")) == ["Hand Grinder"]
    assert names(product_search(query="دستی")) == []


def test_a_typo_in_a_persian_word_still_finds_the_product():
    ProductFactory(name_en="Hand Grinder", name_fa="آسیاب دستی قهوه")
    ProductFactory(name_en="Cast Iron Teapot", name_fa="قوری چدنی")

    assert names(product_search(query="آسیاپ", tolerate_typos=True)) == ["Hand Grinder"]  # ب typed as پ
    assert names(product_search(query="چدن", tolerate_typos=True)) == ["Cast Iron Teapot"]  # part of a word
