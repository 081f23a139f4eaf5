"""PostgreSQL's ranked, typo-tolerant search and the search vector its triggers keep (CI runs these there)."""

import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from store.models import Product, SearchWord
from store.search_text import normalize
from store.selectors import product_search, search_correction
from tests.concurrency import run_together
from tests.factories import CategoryFactory, ProductFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text and trigram search need PostgreSQL"),
]


def names(products) -> list[str]:
    return [product.name for product in products]


def listed(response) -> list[int]:
    return [product.pk for product in response.context["page"].object_list]


def corrected_search(query: str) -> list[str]:
    """What the shop lists when nothing matches the words as typed: the search of the corrected words."""
    corrected = search_correction(query=query)
    return names(product_search(query=corrected)) if corrected else []


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
    ("query", "corrected", "expected"),
    [
        ("grnder", "grinder", ["Hand Grinder"]),  # a letter left out
        ("hand grindr", "hand grind", ["Hand Grinder"]),  # "grind" (the description) is as close as "grinder"
        ("ceramic driper", "ceramic dripper", ["Pour-over Dripper"]),  # one word right (in the description)
        ("teapto", "teapot", ["Cast Iron Teapot"]),  # two letters swapped
        ("inder", "grinder", ["Hand Grinder"]),  # the middle of a word
        ("tea pot", "tea teapot", ["Cast Iron Teapot"]),  # a short word inside a word of the name
        ("teap cast", "teapot cast", ["Cast Iron Teapot"]),  # the start of a word, not the last one
        ("GRNDER", "grinder", ["Hand Grinder"]),  # any case
    ],
)
def test_typos_and_parts_of_words_are_corrected_to_the_catalogs_words(query, corrected, expected):
    assert names(product_search(query=query)) == []  # no product has every word as written
    assert search_correction(query=query) == corrected
    assert corrected_search(query) == expected


@pytest.mark.usefixtures("shelf")
def test_the_shop_forgives_a_typo_only_when_nothing_matches_as_typed(client):
    typo = client.get("/", {"q": "grnder"})
    exact = client.get("/", {"q": "dripper"})

    assert [product.name for product in typo.context["page"].object_list] == ["Hand Grinder"]
    assert "Results for “<bdi>grnder</bdi>”" in typo.content.decode()
    assert [product.name for product in exact.context["page"].object_list] == ["Pour-over Dripper"]


@pytest.mark.usefixtures("shelf")
@pytest.mark.parametrize(
    "query",
    [
        "submarine",  # close to no word of the catalog
        "grnder submarine",  # one word close, one not: no product could have both
        "grinder teapot",  # every word known, but no product has both: nothing to correct
    ],
)
def test_nothing_is_corrected_when_a_correction_could_find_nothing(query):
    assert search_correction(query=query) == ""


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

    assert corrected_search("آسیاپ") == ["Hand Grinder"]  # ب typed as پ
    assert corrected_search("چدن") == ["Cast Iron Teapot"]  # part of a word


def vocabulary() -> dict[str, int]:
    return dict(SearchWord.objects.values_list("word", "product_count"))


def test_the_vocabulary_counts_the_products_on_sale_holding_each_word_as_the_catalog_changes():
    tea = CategoryFactory(name_en="Tea", name_fa="چای", slug="tea")
    teapot = ProductFactory(name_en="Cast Iron Teapot", name_fa="قوری چدنی", description="Keeps it hot.", category=tea)
    ProductFactory(name_en="Glass Teapot", name_fa="قوری شیشه‌ای", description="", category=tea)

    # The names, the category's names and the descriptions, in both languages, as normalised for the search.
    assert vocabulary() == {
        "cast": 1, "iron": 1, "glass": 1, "teapot": 2, "قوری": 2, "چدنی": 1, "شیشه": 1, "ای": 1,
        "tea": 2, "چای": 2, "keeps": 1, "it": 1, "hot": 1,
    }  # fmt: skip

    teapot.name_en = "Cast Iron Kettle"
    teapot.save()
    assert vocabulary()["teapot"] == 1
    assert vocabulary()["kettle"] == 1

    tea.name_en = "Tea and Tisanes"  # the category's trigger rewrites its products' vectors
    tea.save()
    assert vocabulary()["tisanes"] == 2

    Product.objects.filter(name_en="Glass Teapot").update(is_active=False)  # not on sale: its words go
    assert "teapot" not in vocabulary()
    assert "glass" not in vocabulary()
    assert vocabulary()["tea"] == 1

    Product.objects.filter(name_en="Glass Teapot").update(is_active=True)
    teapot.delete()
    assert "kettle" not in vocabulary()
    assert vocabulary()["teapot"] == 1
    assert vocabulary()["tea"] == 1


def test_a_bulk_insert_counts_each_word_once_per_product():
    coffee = CategoryFactory(name="Coffee", slug="coffee")
    Product.objects.bulk_create(
        Product(name=f"Hand Grinder {n}", slug=f"grinder-{n}", category=coffee, price=1, on_hand=1) for n in range(300)
    )

    assert vocabulary()["grinder"] == 300
    assert vocabulary()["7"] == 1
    Product.objects.filter(slug__startswith="grinder-").update(on_hand=5)  # a change the vector does not see
    assert vocabulary()["grinder"] == 300


@pytest.fixture
def common_and_rare_words():
    """A catalog whose every generated word is in at least 5% of its products, and one rare product."""
    call_command("generate_catalog", "--products=400", "--vocabulary=small", verbosity=0)
    ProductFactory(name_en="Brass Samovar", name_fa="سماور برنجی")


TYPOS_OF_WORDS = {
    "grnder": "grinder",  # common: about one product in eighteen
    "آسیاپ": "آسیاب",  # the same in Persian, ب typed as پ
    "samovr": "samovar",  # rare: one product
    "سماوز": "سماور",
    "copper kettel": "copper kettle",  # two common words, one mistyped
}
TYPOS = list(TYPOS_OF_WORDS)


@pytest.mark.usefixtures("common_and_rare_words")
@pytest.mark.parametrize(("typo", "word"), TYPOS_OF_WORDS.items())
def test_a_corrected_search_lists_what_the_correctly_spelled_one_does(client, typo, word):
    corrected = client.get("/", {"q": typo})
    spelled = client.get("/", {"q": word})

    assert corrected.context["corrected_query"] == word
    assert spelled.context["corrected_query"] == ""
    assert listed(corrected) == listed(spelled)
    assert listed(spelled)
    assert corrected.context["page"].paginator.count == spelled.context["page"].paginator.count


@pytest.mark.usefixtures("common_and_rare_words")
def test_statements_of_a_corrected_search_do_not_grow_with_the_catalog(client):
    def statements(query: str) -> int:
        client.get("/", {"q": query})  # the first view of a picture makes its sized variants, once
        with CaptureQueriesContext(connection) as captured:
            client.get("/", {"q": query})
        return len(captured)

    small = [statements(typo) for typo in TYPOS]
    call_command("generate_catalog", "--products=3000", "--vocabulary=small", verbosity=0)
    large = [statements(typo) for typo in TYPOS]

    assert large == small
    # The search as typed, the correction, the search of the corrected words, the page's products, the categories.
    assert small == [5] * len(TYPOS)


@pytest.mark.usefixtures("shelf")
def test_the_page_says_what_it_shows_for_a_corrected_search_and_links_to_the_words_as_typed(client):
    html = client.get("/", {"q": "grnder", "category": "coffee"}).content.decode()
    as_typed = client.get("/", {"q": "grnder", "category": "coffee", "as_typed": "1"})

    assert "Showing results for “<bdi><strong>grinder</strong></bdi>”." in html
    link = re.search(r'<a href="([^"]+)"[^>]*>Search instead for “<bdi>grnder</bdi>”</a>', html)
    assert link
    assert link.group(1) == "?q=grnder&amp;category=coffee&amp;sort=relevance&amp;as_typed=1"
    assert listed(as_typed) == []
    assert "No products match." in as_typed.content.decode()
    assert "Showing results for" not in as_typed.content.decode()
    # Filtering and paging the words as typed keep them as typed.
    assert '<input type="hidden" name="as_typed" value="1">' in as_typed.content.decode()


@pytest.mark.usefixtures("shelf")
def test_the_notice_is_in_persian_on_persian_pages(client):
    html = client.get("/", {"q": "grnder"}, headers={"accept-language": "fa"}).content.decode()

    assert "نمایش نتایج برای «<bdi><strong>grinder</strong></bdi>»." in html
    assert "جستجوی «<bdi>grnder</bdi>» همان‌طور که نوشته شده" in html


@pytest.mark.usefixtures("shelf")
def test_no_notice_when_the_words_as_typed_find_something(client):
    response = client.get("/", {"q": "grinder"})

    assert response.context["corrected_query"] == ""
    assert "Showing results for" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_products_written_at_once_by_several_owners_leave_the_vocabulary_exact():
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    shared = ["oak", "teapot", "grinder", "kettle", "lamp", "mug"]
    existing = [ProductFactory(name=f"Old {word}", category=kitchen) for word in shared]

    def write(turn: int):
        # Each writer meets the same words in another order, renames one product and deletes another.
        words = shared[turn:] + shared[:turn]
        with transaction.atomic():
            Product.objects.bulk_create(
                Product(name=f"{a} {b}", slug=f"p-{turn}-{n}", category=kitchen, price=1, on_hand=1)
                for n, (a, b) in enumerate(zip(words, reversed(words), strict=True))
            )
            Product.objects.filter(pk=existing[turn].pk).update(name=f"New {words[1]}")
            Product.objects.filter(slug=f"p-{turn}-0").delete()

    results = run_together([lambda turn=turn: write(turn) for turn in range(4)])

    assert results == [None] * 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM store_product WHERE is_active')")
        assert vocabulary() == dict(cursor.fetchall())
