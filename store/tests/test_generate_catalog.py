import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import translation

from store.catalog_generator import SLUG_PREFIX, generated_products
from store.models import Product
from store.search_text import WORD, normalize

pytestmark = pytest.mark.django_db


def generate(products: int, *options: str) -> str:
    output = io.StringIO()
    call_command("generate_catalog", f"--products={products}", *options, stdout=output)
    return output.getvalue()


def generated() -> list[tuple]:
    return list(
        Product.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
        .values_list("slug", "name", "category__slug", "description", "price", "on_hand", "is_active", "image")
    )


@pytest.mark.usefixtures("media_root")
def test_generates_the_products_asked_for_in_the_demo_categories():
    output = generate(40)

    products = Product.objects.filter(slug__startswith=SLUG_PREFIX)
    assert products.count() == 40
    assert set(products.values_list("category__slug", flat=True)) == {
        "coffee", "tea", "kitchen", "home", "stationery", "garden"
    }  # fmt: skip
    assert len(set(products.values_list("name", flat=True))) > 30
    assert products.filter(on_hand=0).exists()
    assert products.filter(on_hand__gt=0).exists()
    assert "40 generated products added (40 in all)" in output


def test_products_share_a_few_picture_files(media_root):
    generate(40)

    images = set(Product.objects.values_list("image", flat=True))
    assert len(images) == 6
    assert all((media_root / image).is_file() for image in images)


@pytest.mark.usefixtures("media_root")
def test_a_rerun_adds_nothing_and_a_top_up_adds_the_same_products_a_single_run_makes():
    generate(25)
    first = generated()

    assert "0 generated products added (25 in all)" in generate(25)
    generate(40)
    topped_up = generated()
    generate(40, "--replace")

    assert topped_up[:25] == first
    assert generated() == topped_up
    assert len(topped_up) == 40


@pytest.mark.usefixtures("media_root")
def test_another_seed_makes_other_products():
    generate(10)
    first = generated()

    generate(10, "--replace", "--seed=7")

    assert generated() != first


@pytest.mark.usefixtures("media_root")
def test_generated_products_are_found_by_the_shop_search(client):
    generate(60)
    name = Product.objects.filter(slug__startswith=SLUG_PREFIX, is_active=True).first().name

    response = client.get("/", {"q": name})

    assert name in [product.name for product in response.context["page"].object_list]


@pytest.mark.usefixtures("media_root")
def test_generated_products_have_persian_names_a_persian_search_finds(client):
    generate(60)
    with translation.override("fa"):
        product = Product.objects.filter(slug__startswith=SLUG_PREFIX, is_active=True).first()
        name, category_name = product.name, product.category.name
        response = client.get("/", {"q": name}, headers={"accept-language": "fa"})
        listed = [product.name for product in response.context["page"].object_list]

    assert re.fullmatch(r"[\u0600-\u06ff\u200c ]+", name)
    assert re.search(r"[\u0600-\u06ff]", category_name)
    assert name in listed


def words(text: str) -> set[str]:
    return set(WORD.findall(normalize(text)))


def word_shares(vocabulary: str, products: int = 18_000) -> dict[str, float]:
    """The share of the generated products holding each word of their names and descriptions, both languages."""
    holding = Counter()
    for product in generated_products(first=1, last=products, seed=14, vocabulary=vocabulary):
        texts = (product["name_en"], product["name_fa"], product["description_en"], product["description_fa"])
        holding.update(words(" ".join(texts)))
    return {word: count / products for word, count in holding.items()}


def test_the_small_vocabulary_puts_every_word_in_at_least_five_percent_of_the_products():
    small, full = word_shares("small"), word_shares("full")

    # Each noun is in 1 of 18 products (5.6%); over 18,000 products a share under 4.5% would be six deviations off.
    assert min(small.values()) > 0.045
    assert {"grinder", "آسیاب", "kettle", "کتری"} <= small.keys()
    assert min(full.values()) < 0.02  # the default vocabulary has rare words
    assert len(small) < len(full) / 2


@pytest.mark.usefixtures("media_root")
def test_the_vocabulary_is_chosen_on_the_command_line():
    generate(30, "--vocabulary=small")

    small_words = set(word_shares("small", products=300))
    names = Product.objects.filter(slug__startswith=SLUG_PREFIX).values_list("name_en", "name_fa")
    assert set().union(*(words(" ".join(name)) for name in names)) <= small_words
