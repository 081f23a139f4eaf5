import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from PIL import Image

from store.demo_catalog import CATEGORIES
from store.demo_pictures import IMAGE_SIZE
from store.models import Category, Product

pytestmark = pytest.mark.django_db


def seed() -> str:
    output = io.StringIO()
    call_command("seed_store", stdout=output)
    return output.getvalue()


def catalog_snapshot() -> list[tuple]:
    return list(Product.objects.order_by("slug").values_list("slug", "category__slug", "price", "on_hand", "image"))


def test_seed_fills_the_shop_with_categories_and_products(media_root):
    seed()

    assert Category.objects.count() >= 5
    assert Product.objects.count() >= 40
    assert Product.objects.filter(on_hand=0).count() >= 3
    assert Product.objects.filter(on_hand__gt=0).count() >= 30
    assert not Product.objects.filter(is_active=False).exists()
    # Every category has something on its shelf.
    assert not Category.objects.filter(products__isnull=True).exists()


def test_every_seeded_product_has_a_picture_on_disk(media_root):
    seed()

    for product in Product.objects.all():
        path = Path(product.image.path)
        assert path.is_file(), product.slug
        with Image.open(path) as picture:
            assert picture.size == (IMAGE_SIZE, IMAGE_SIZE)


def test_running_the_seed_twice_changes_nothing(media_root):
    first_output = seed()
    before = catalog_snapshot()

    second_output = seed()

    assert catalog_snapshot() == before
    assert f"{len(before)} products added" in first_output
    assert f"0 products added, {len(before)} in the shop" in second_output


def test_reseeding_an_empty_database_reuses_the_pictures_on_disk(media_root):
    seed()
    images_before = sorted((media_root / "products" / "demo-v2").iterdir())
    Product.objects.all().delete()
    Category.objects.all().delete()

    seed()

    # The same files, no "name_AbC123.jpg" twins from a second upload.
    assert sorted((media_root / "products" / "demo-v2").iterdir()) == images_before
    assert sorted(Product.objects.values_list("image", flat=True)) == [
        f"products/demo-v2/{path.name}" for path in images_before
    ]


def test_seed_keeps_the_owners_edits(media_root):
    seed()
    Product.objects.filter(slug="hand-grinder").update(price=Decimal("69.00"), on_hand=2, is_active=False)

    seed()

    grinder = Product.objects.get(slug="hand-grinder")
    assert (grinder.price, grinder.on_hand, grinder.is_active) == (Decimal("69.00"), 2, False)


def test_seed_finds_a_demo_category_whose_slug_the_owner_changed(media_root):
    seed()
    Category.objects.filter(slug="tea").update(slug="teas")

    seed()

    assert Category.objects.filter(name="Tea").count() == 1
    assert Product.objects.filter(category__slug="teas").count() == 8


def test_reseeding_replaces_the_old_pictures_with_the_name_in_them_but_keeps_the_owners_uploads(media_root):
    seed()
    (media_root / "products" / "hand-grinder.jpg").write_bytes(b"the first seed's picture, name drawn in")
    Product.objects.filter(slug="hand-grinder").update(image="products/hand-grinder.jpg")
    Product.objects.filter(slug="bird-feeder").update(image="products/our-own-feeder-photo.jpg")

    seed()

    assert Product.objects.get(slug="hand-grinder").image.name == "products/demo-v2/hand-grinder.jpg"
    assert Product.objects.get(slug="bird-feeder").image.name == "products/our-own-feeder-photo.jpg"


def test_a_demo_product_the_owner_renamed_still_gets_its_picture(media_root):
    seed()
    Product.objects.filter(slug="hand-grinder").update(name="Burr Grinder", image="")

    seed()

    assert Product.objects.get(slug="hand-grinder").image.name == "products/demo-v2/hand-grinder.jpg"


# In English and Persian

PERSIAN_LETTERS = re.compile("[\u0600-\u06ff]")


def test_every_demo_category_and_product_has_a_persian_name_and_description():
    missing = [
        text
        for category in CATEGORIES
        for text in (
            category.name_fa,
            *(text for item in category.products for text in (item.name_fa, item.description_fa)),
        )
        if not PERSIAN_LETTERS.search(text)
    ]
    assert not missing
    persian_names = [item.name_fa for category in CATEGORIES for item in category.products]
    assert len(set(persian_names)) == len(persian_names)


def test_the_seeded_shop_reads_in_persian_with_one_ascii_slug_per_product(media_root):
    seed()

    with translation.override("fa"):
        untranslated = [
            item.slug
            for item in [*Category.objects.all(), *Product.objects.select_related("category")]
            if not PERSIAN_LETTERS.search(item.name)
            or (isinstance(item, Product) and not PERSIAN_LETTERS.search(item.description))
        ]
        grinder = Product.objects.get(slug="hand-grinder")
        assert (grinder.name, grinder.category.name) == ("آسیاب دستی قهوه", "قهوه")
    assert not untranslated
    # Made from the English name, so a link shared in one language opens the same product in the other.
    assert all(slug.isascii() for slug in Product.objects.values_list("slug", flat=True))


def test_reseeding_adds_persian_to_a_catalog_seeded_in_english_only_but_keeps_the_owners_words(media_root):
    seed()
    Product.objects.update(name_fa=None, description_fa="")
    Category.objects.update(name_fa=None)
    Product.objects.filter(slug="bird-feeder").update(name_fa="دان‌خوری ما")

    seed()

    with translation.override("fa"):
        assert Product.objects.get(slug="hand-grinder").name == "آسیاب دستی قهوه"
        assert Product.objects.get(slug="hand-grinder").description.startswith("تیغه‌های فولادی")
        assert Product.objects.get(slug="bird-feeder").name == "دان‌خوری ما"
        assert Category.objects.get(slug="garden").name == "باغ و باغچه"
