"""Generated products for trying the shop at scale and for the catalog benchmark (``generate_catalog``).

Product number n is always the same product (its own seeded random generator), so a run that tops
a catalog up to N products makes exactly the products a run straight to N would have made.
"""

import random
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from django.utils.text import slugify

from .demo_catalog import CATEGORIES, DemoCategory

SLUG_PREFIX = "gen-"
NUMBER_DIGITS = 8  # "gen-00000042-...": slugs sort in product-number order

# Each word in English and in Persian. Persian puts the noun first and its adjectives after it ("Classic
# Cast Iron Teapot" is "قوری چدنی کلاسیک"); the materials are the Persian adjectives of the material.
ADJECTIVES = (
    ("Classic", "کلاسیک"), ("Compact", "جمع‌وجور"), ("Deluxe", "لوکس"), ("Everyday", "روزمره"),
    ("Handmade", "دست‌ساز"), ("Heavy", "سنگین"), ("Light", "سبک"), ("Large", "بزرگ"), ("Small", "کوچک"),
    ("Minimal", "مینیمال"), ("Modern", "مدرن"), ("Nordic", "اسکاندیناوی"), ("Rustic", "روستایی"),
    ("Vintage", "قدیمی"), ("Folding", "تاشو"), ("Stackable", "روی‌هم‌چین"), ("Travel", "سفری"),
    ("Premium", "ممتاز"), ("Simple", "ساده"), ("Sturdy", "محکم"), ("Elegant", "شیک"), ("Bright", "روشن"),
    ("Soft", "نرم"), ("Tall", "بلند"),
)  # fmt: skip
MATERIALS = (
    ("Oak", "بلوط"), ("Walnut", "گردویی"), ("Bamboo", "بامبو"), ("Ceramic", "سرامیکی"), ("Stoneware", "سنگی"),
    ("Porcelain", "چینی"), ("Glass", "شیشه‌ای"), ("Copper", "مسی"), ("Brass", "برنجی"), ("Steel", "فولادی"),
    ("Cast Iron", "چدنی"), ("Linen", "کتانی"), ("Cotton", "نخی"), ("Wool", "پشمی"), ("Cork", "چوب‌پنبه‌ای"),
    ("Enamel", "لعابی"),
)  # fmt: skip
NOUNS: dict[str, tuple[tuple[str, str], ...]] = {
    "coffee": (("Grinder", "آسیاب"), ("Dripper", "دریپر"), ("Kettle", "کتری"), ("Mug", "ماگ"),
               ("Espresso Cup", "فنجان اسپرسو"), ("Tamper", "تمپر"), ("Scale", "ترازو"), ("Carafe", "پارچ"),
               ("Filter Holder", "جافیلتری"), ("French Press", "فرنچ‌پرس"), ("Milk Jug", "شیرجوش"),
               ("Bean Canister", "ظرف دانه قهوه")),
    "tea": (("Teapot", "قوری"), ("Tea Tin", "قوطی چای"), ("Infuser", "دمنوش‌ساز"), ("Tea Cup", "استکان"),
            ("Matcha Bowl", "کاسه ماچا"), ("Tea Tray", "سینی چای"), ("Strainer", "صافی"), ("Gaiwan", "گایوان"),
            ("Tea Caddy", "چای‌دان"), ("Kyusu", "کیوسو"), ("Chasen", "همزن ماچا"), ("Samovar", "سماور")),
    "kitchen": (("Knife", "چاقو"), ("Cutting Board", "تخته برش"), ("Spoon", "قاشق"), ("Saucepan", "قابلمه"),
                ("Skillet", "تابه"), ("Colander", "آبکش"), ("Whisk", "همزن"), ("Ladle", "ملاقه"),
                ("Mixing Bowl", "کاسه همزنی"), ("Rolling Pin", "وردنه"), ("Tea Towel", "دستمال آشپزخانه"),
                ("Spatula", "کفگیر")),
    "home": (("Candle", "شمع"), ("Vase", "گلدان"), ("Blanket", "پتو"), ("Cushion", "کوسن"), ("Lamp", "چراغ"),
             ("Basket", "سبد"), ("Mirror", "آینه"), ("Clock", "ساعت"), ("Throw", "شال‌پتو"),
             ("Coaster Set", "ست زیرلیوانی"), ("Doormat", "پادری"), ("Bookend", "نگهدارنده کتاب")),
    "stationery": (("Notebook", "دفتر"), ("Pen", "خودکار"), ("Pencil Case", "جامدادی"), ("Planner", "برنامه‌ریز"),
                   ("Desk Tray", "سینی رومیزی"), ("Letter Opener", "نامه‌بازکن"), ("Ink Bottle", "شیشه جوهر"),
                   ("Sketchbook", "دفتر طراحی"), ("Ruler", "خط‌کش"), ("Paper Clip Set", "ست گیره کاغذ"),
                   ("Stamp", "مهر"), ("Bookmark", "نشانک")),
    "garden": (("Trowel", "بیلچه"), ("Watering Can", "آب‌پاش"), ("Planter", "گلدان باغچه"), ("Pruner", "قیچی هرس"),
               ("Seed Tray", "سینی بذر"), ("Rake", "شن‌کش"), ("Hose Nozzle", "سرشلنگ"),
               ("Plant Label Set", "ست برچسب گیاه"), ("Gardening Gloves", "دستکش باغبانی"),
               ("Bird Feeder", "دانه‌خوری پرندگان"), ("Kneeler", "زیرزانویی"), ("Hand Fork", "چنگک دستی")),
}  # fmt: skip
FEATURES = (
    ("Made to last for years of daily use.", "ساخته شده تا سال‌ها هر روز به کار بیاید."),
    ("Easy to clean and dishwasher safe.", "راحت تمیز می‌شود و قابل شستشو در ماشین ظرف‌شویی است."),
    ("A gift that is used every day.", "هدیه‌ای که هر روز استفاده می‌شود."),
    (
        "Designed in a small studio and made in limited batches.",
        "طراحی‌شده در یک کارگاه کوچک و ساخته‌شده در تعداد محدود.",
    ),
    ("Finished by hand, so no two are quite alike.", "با دست پرداخت شده، پس هیچ دو تایی کاملاً یکسان نیستند."),
    ("Packs flat and travels well.", "تخت بسته‌بندی می‌شود و برای سفر مناسب است."),
)


class Vocabulary(NamedTuple):
    adjectives: tuple[tuple[str, str], ...]
    materials: tuple[tuple[str, str], ...]
    nouns: dict[str, tuple[tuple[str, str], ...]]


# "full": every word above, a noun in about one product in 72. "small": the first ten adjectives and materials
# and three nouns per category, so that every word of the generated names and descriptions is in at least 5% of
# the products (a noun in 1 of 18, "grinder" 55,000 times in a million) as "shirt" is in a clothing shop: the
# catalog on which a misspelled common word is the hardest search (make bench's second catalog profile).
VOCABULARIES = {
    "full": Vocabulary(ADJECTIVES, MATERIALS, NOUNS),
    "small": Vocabulary(ADJECTIVES[:10], MATERIALS[:10], {category: nouns[:3] for category, nouns in NOUNS.items()}),
}
DEFAULT_VOCABULARY = "full"


def picture_path(category: DemoCategory) -> str:
    """One picture per category, shared by every generated product in it."""
    return f"products/generated/{category.slug}.jpg"


def generated_slug(number: int, name: str) -> str:
    return f"{SLUG_PREFIX}{number:0{NUMBER_DIGITS}d}-{slugify(name)}"


def generated_number(slug: str) -> int:
    return int(slug.removeprefix(SLUG_PREFIX)[:NUMBER_DIGITS])


def generated_product(*, number: int, seed: int, vocabulary: str = DEFAULT_VOCABULARY) -> dict:
    """Product number ``number`` as field values (category as a DemoCategory), the same on every run."""
    words = VOCABULARIES[vocabulary]
    rng = random.Random(seed * 100_000_007 + number)
    category = CATEGORIES[number % len(CATEGORIES)]
    (adjective, adjective_fa), (material, material_fa) = rng.choice(words.adjectives), rng.choice(words.materials)
    noun, noun_fa = rng.choice(words.nouns[category.slug])
    name = f"{adjective} {material} {noun}"
    roll = rng.random()
    feature, feature_fa = rng.choice(FEATURES)
    return {
        "category": category,
        "name_en": name,
        "name_fa": f"{noun_fa} {material_fa} {adjective_fa}",
        "slug": generated_slug(number, name),
        "description_en": f"{adjective} {noun.lower()} in {material.lower()}. {feature}",
        "description_fa": f"{noun_fa} {material_fa} {adjective_fa}. {feature_fa}",
        "price": Decimal(rng.randrange(150, 30_000)) / 100,
        "on_hand": 0 if roll < 0.1 else rng.randint(1, 4) if roll < 0.25 else rng.randint(5, 200),
        "is_active": rng.random() >= 0.03,
        "image": picture_path(category),
    }


def generated_products(*, first: int, last: int, seed: int, vocabulary: str = DEFAULT_VOCABULARY) -> Iterator[dict]:
    for number in range(first, last + 1):
        yield generated_product(number=number, seed=seed, vocabulary=vocabulary)
