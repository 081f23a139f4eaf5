import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from store.catalog_generator import (
    DEFAULT_VOCABULARY,
    SLUG_PREFIX,
    VOCABULARIES,
    generated_number,
    generated_products,
    picture_path,
)
from store.demo_catalog import CATEGORIES
from store.demo_pictures import draw_product_picture
from store.models import Category, Product
from store.services import stock_open

BATCH_SIZE = 5000


class Command(BaseCommand):
    help = (
        "Add generated products until the shop holds --products of them (beside the demo catalog). "
        "Repeatable: the same seed makes the same products, and a rerun only tops up."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--products", type=int, required=True, help="generated products wanted in total")
        parser.add_argument("--seed", type=int, default=14, help="random seed (default 14)")
        parser.add_argument("--replace", action="store_true", help="delete the generated products first")
        parser.add_argument(
            "--vocabulary",
            choices=VOCABULARIES,
            default=DEFAULT_VOCABULARY,
            help="the words of the names: 'full' (default), or 'small', every word in at least 5%% of the products "
            "(switching a catalog's vocabulary needs --replace)",
        )

    def handle(
        self, *args, products: int, seed: int, replace: bool, vocabulary: str, verbosity: int, **options
    ) -> None:
        started = time.monotonic()
        if replace:
            deleted, _ = Product.objects.filter(slug__startswith=SLUG_PREFIX).delete()
            self.stdout.write(f"Deleted {deleted} generated products.")
        categories = self.categories_with_pictures()
        last = Product.objects.filter(slug__startswith=SLUG_PREFIX).order_by("-slug").values_list("slug", flat=True)[:1]
        have = generated_number(last[0]) if last else 0
        for first in range(have + 1, products + 1, BATCH_SIZE):
            batch_last = min(first + BATCH_SIZE - 1, products)
            rows = generated_products(first=first, last=batch_last, seed=seed, vocabulary=vocabulary)
            with transaction.atomic():
                created = Product.objects.bulk_create(
                    Product(**(row | {"category": categories[row["category"].slug]})) for row in rows
                )
                stock_open(products=created)
            if verbosity >= 2:
                self.stdout.write(f"  {batch_last:,} / {products:,}")
        added = max(products - have, 0)
        if added and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Move the GIN indexes' pending entries into the indexes proper (the planner counts a long
                # pending list against using them), then fresh planner statistics for the new size.
                cursor.execute("SELECT gin_clean_pending_list('product_search_vector')")
                cursor.execute("ANALYZE store_product")
                cursor.execute("ANALYZE store_searchword")
        self.stdout.write(
            self.style.SUCCESS(
                f"{added:,} generated products added ({max(have, products):,} in all) "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def categories_with_pictures(self) -> dict[str, Category]:
        """The demo categories (created if missing) and their one shared picture each (drawn if missing)."""
        categories = {}
        for demo in CATEGORIES:
            category = Category.objects.filter(slug=demo.slug).first() or Category.objects.create(
                slug=demo.slug, name_en=demo.name, name_fa=demo.name_fa
            )
            categories[demo.slug] = category
            path = picture_path(demo)
            if not default_storage.exists(path):
                # The category's first demo product stands for all of them.
                picture = draw_product_picture(name=demo.products[0].name, background=demo.background)
                default_storage.save(path, ContentFile(picture))
        return categories
