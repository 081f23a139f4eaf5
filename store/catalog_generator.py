"""Generated products for trying the shop at scale and for the catalog benchmark (``generate_catalog``).

Product number n is always the same product (its own seeded random generator), so a run that tops
a catalog up to N products makes exactly the products a run straight to N would have made.
"""

import random
from collections.abc import Iterator
from decimal import Decimal

from django.utils.text import slugify

from .demo_catalog import CATEGORIES, DemoCategory

SLUG_PREFIX = "gen-"
NUMBER_DIGITS = 8  # "gen-00000042-...": slugs sort in product-number order

ADJECTIVES = (
    "Classic", "Compact", "Deluxe", "Everyday", "Handmade", "Heavy", "Light", "Large", "Small", "Minimal",
    "Modern", "Nordic", "Rustic", "Vintage", "Folding", "Stackable", "Travel", "Premium", "Simple", "Sturdy",
    "Elegant", "Bright", "Soft", "Tall",
)  # fmt: skip
MATERIALS = (
    "Oak", "Walnut", "Bamboo", "Ceramic", "Stoneware", "Porcelain", "Glass", "Copper", "Brass", "Steel",
    "Cast Iron", "Linen", "Cotton", "Wool", "Cork", "Enamel",
)  # fmt: skip
NOUNS: dict[str, tuple[str, ...]] = {
    "coffee": ("Grinder", "Dripper", "Kettle", "Mug", "Espresso Cup", "Tamper", "Scale", "Carafe", "Filter Holder",
               "French Press", "Milk Jug", "Bean Canister"),
    "tea": ("Teapot", "Tea Tin", "Infuser", "Tea Cup", "Matcha Bowl", "Tea Tray", "Strainer", "Gaiwan",
            "Tea Caddy", "Kyusu", "Chasen", "Samovar"),
    "kitchen": ("Knife", "Cutting Board", "Spoon", "Saucepan", "Skillet", "Colander", "Whisk", "Ladle",
                "Mixing Bowl", "Rolling Pin", "Tea Towel", "Spatula"),
    "home": ("Candle", "Vase", "Blanket", "Cushion", "Lamp", "Basket", "Mirror", "Clock", "Throw", "Coaster Set",
             "Doormat", "Bookend"),
    "stationery": ("Notebook", "Pen", "Pencil Case", "Planner", "Desk Tray", "Letter Opener", "Ink Bottle",
                   "Sketchbook", "Ruler", "Paper Clip Set", "Stamp", "Bookmark"),
    "garden": ("Trowel", "Watering Can", "Planter", "Pruner", "Seed Tray", "Rake", "Hose Nozzle", "Plant Label Set",
               "Gardening Gloves", "Bird Feeder", "Kneeler", "Hand Fork"),
}  # fmt: skip
FEATURES = (
    "Made to last for years of daily use.",
    "Easy to clean and dishwasher safe.",
    "A gift that is used every day.",
    "Designed in a small studio and made in limited batches.",
    "Finished by hand, so no two are quite alike.",
    "Packs flat and travels well.",
)


def picture_path(category: DemoCategory) -> str:
    """One picture per category, shared by every generated product in it."""
    return f"products/generated/{category.slug}.jpg"


def generated_slug(number: int, name: str) -> str:
    return f"{SLUG_PREFIX}{number:0{NUMBER_DIGITS}d}-{slugify(name)}"


def generated_number(slug: str) -> int:
    return int(slug.removeprefix(SLUG_PREFIX)[:NUMBER_DIGITS])


def generated_product(*, number: int, seed: int) -> dict:
    """Product number ``number`` as field values (category as a DemoCategory), the same on every run."""
    rng = random.Random(seed * 100_000_007 + number)
    category = CATEGORIES[number % len(CATEGORIES)]
    adjective, material = rng.choice(ADJECTIVES), rng.choice(MATERIALS)
    noun = rng.choice(NOUNS[category.slug])
    name = f"{adjective} {material} {noun}"
    roll = rng.random()
    return {
        "category": category,
        "name": name,
        "slug": generated_slug(number, name),
        "description": f"{adjective} {noun.lower()} in {material.lower()}. {rng.choice(FEATURES)}",
        "price": Decimal(rng.randrange(150, 30_000)) / 100,
        "stock": 0 if roll < 0.1 else rng.randint(1, 4) if roll < 0.25 else rng.randint(5, 200),
        "is_active": rng.random() >= 0.03,
        "image": picture_path(category),
    }


def generated_products(*, first: int, last: int, seed: int) -> Iterator[dict]:
    for number in range(first, last + 1):
        yield generated_product(number=number, seed=seed)
