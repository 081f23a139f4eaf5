import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from store.demo_catalog import CATEGORIES, DemoCategory, demo_stock
from store.demo_pictures import draw_product_picture
from store.models import Category, Product
from store.services import stock_open

# A new folder whenever the drawings change: the seed then draws the new pictures instead of reusing files on disk.
DEMO_PICTURES = "products/demo-v2"
# Where earlier versions of the seed put their pictures (version 1 wrote the product's name into them).
OUTDATED_DEMO_PICTURES = ("products/{slug}.jpg",)


def has_outdated_demo_picture(product: Product) -> bool:
    return product.image.name in {pattern.format(slug=product.slug) for pattern in OUTDATED_DEMO_PICTURES}


def attach_demo_picture(product: Product, *, demo_name: str, demo: DemoCategory) -> None:
    """Draw the picture once; a re-seeded database reuses the file already on disk.

    Drawn by the catalog's name for the product: the owner may have renamed it since.
    """
    storage = product.image.storage
    path = f"{DEMO_PICTURES}/{product.slug}.jpg"
    if not storage.exists(path):
        path = storage.save(path, ContentFile(draw_product_picture(name=demo_name, background=demo.background)))
    product.image.name = path
    product.save(update_fields=["image"])


def add_missing_persian(item: Category | Product, **persian: str) -> None:
    """Persian text for what a seed before the Persian catalog made; the owner's own words are kept."""
    missing = [field for field in persian if not getattr(item, field)]
    for field in missing:
        setattr(item, field, persian[field])
    if missing:
        item.save(update_fields=missing)


class Command(BaseCommand):
    help = (
        "Fill the shop with the demo catalog, in English and Persian. Safe to run again: nothing is duplicated "
        "or overwritten, except demo pictures an earlier version drew; a Persian name or description still "
        "empty is filled in."
    )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        created = 0
        index = 0
        for demo in CATEGORIES:
            # The owner may have renamed a demo category or changed its slug: either still finds it.
            category = Category.objects.filter(Q(slug=demo.slug) | Q(name_en=demo.name)).first()
            if category is None:
                category = Category.objects.create(slug=demo.slug, name_en=demo.name, name_fa=demo.name_fa)
            add_missing_persian(category, name_fa=demo.name_fa)
            for item in demo.products:
                # From the English name: one ASCII slug, so a link shared in one language opens in the other.
                slug = slugify(item.name)
                product, was_created = Product.objects.get_or_create(
                    slug=slug,
                    defaults={
                        "category": category,
                        "name_en": item.name,
                        "name_fa": item.name_fa,
                        "description_en": item.description,
                        "description_fa": item.description_fa,
                        "price": Decimal(item.price),
                        "on_hand": demo_stock(random.Random(slug), index),
                    },
                )
                if was_created:
                    stock_open(products=[product])
                add_missing_persian(product, name_fa=item.name_fa, description_fa=item.description_fa)
                # The owner's own upload is kept; a missing or outdated demo picture is (re)drawn.
                if not product.image or has_outdated_demo_picture(product):
                    attach_demo_picture(product, demo_name=item.name, demo=demo)
                created += was_created
                index += 1
        total = Product.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Demo catalog ready: {created} products added, {total} in the shop."))
