import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from store.demo_catalog import CATEGORIES, DemoCategory, demo_stock, draw_product_image
from store.models import Category, Product


def attach_demo_image(product: Product, demo: DemoCategory) -> None:
    """Draw the picture once; a re-seeded database reuses the file already on disk."""
    path = f"products/{product.slug}.jpg"
    if default_storage.exists(path):
        product.image.name = path
        product.save(update_fields=["image"])
    else:
        product.image.save(
            path.removeprefix("products/"), ContentFile(draw_product_image(name=product.name, category=demo))
        )


class Command(BaseCommand):
    help = "Fill the shop with the demo catalog. Safe to run again: nothing is duplicated or overwritten."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        created = 0
        index = 0
        for demo in CATEGORIES:
            # The owner may have renamed a demo category or changed its slug: either still finds it.
            category = Category.objects.filter(Q(slug=demo.slug) | Q(name=demo.name)).first()
            if category is None:
                category = Category.objects.create(slug=demo.slug, name=demo.name)
            for name, price, description in demo.products:
                slug = slugify(name)
                product, was_created = Product.objects.get_or_create(
                    slug=slug,
                    defaults={
                        "category": category,
                        "name": name,
                        "description": description,
                        "price": Decimal(price),
                        "stock": demo_stock(random.Random(slug), index),
                    },
                )
                if not product.image:
                    attach_demo_image(product, demo)
                created += was_created
                index += 1
        total = Product.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Demo catalog ready: {created} products added, {total} in the shop."))
