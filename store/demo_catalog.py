"""The demo catalog: what `seed_store` puts on the shelves (the pictures are drawn in demo_pictures).

Every category and product is named and described in English and in Persian (a test checks that none is
missing); Persian text uses Persian digits and the zero-width non-joiner where Persian writes a half-space.
"""

import random
from dataclasses import dataclass
from typing import NamedTuple


class DemoProduct(NamedTuple):
    name: str
    price: str
    description: str
    name_fa: str
    description_fa: str


@dataclass(frozen=True)
class DemoCategory:
    name: str
    name_fa: str
    slug: str
    background: str  # the pictures" backdrop is a light tint of it
    products: tuple[DemoProduct, ...]


CATEGORIES: tuple[DemoCategory, ...] = (
    DemoCategory(
        "Coffee",
        "قهوه",
        "coffee",
        "#d9a066",
        (
            DemoProduct(
                "Ethiopia Yirgacheffe Beans 250 g",
                "14.50",
                "Washed heirloom beans with jasmine and bergamot notes. Light roast.",
                "دانه قهوه اتیوپی یرگاچفه ۲۵۰ گرم",
                "دانه‌های بومی فرآوری‌شده به روش شسته، با نت‌های یاس و برگاموت. رست روشن.",
            ),
            DemoProduct(
                "Colombia Huila Beans 1 kg",
                "39.00",
                "Caramel sweetness and a round body; our everyday espresso.",
                "دانه قهوه کلمبیا هوئیلا ۱ کیلوگرم",
                "شیرینی کاراملی و بادی گرد؛ اسپرسوی هرروزه ما.",
            ),
            DemoProduct(
                "Decaf Swiss Water Beans 250 g",
                "13.00",
                "Chemical-free decaf that still tastes of chocolate and hazelnut.",
                "دانه قهوه بدون کافئین سوئیس واتر ۲۵۰ گرم",
                "کافئین‌زدایی بدون مواد شیمیایی که هنوز طعم شکلات و فندق می‌دهد.",
            ),
            DemoProduct(
                "Stoneware Espresso Cup",
                "9.50",
                "Double-walled 80 ml cup, glazed by hand, dishwasher safe.",
                "فنجان اسپرسو سنگی",
                "فنجان دوجداره ۸۰ میلی‌لیتری، لعاب‌خورده با دست، قابل شستشو در ماشین ظرف‌شویی.",
            ),
            DemoProduct(
                "Pour-over Dripper",
                "24.00",
                "Ceramic cone dripper for one or two cups. Uses size 02 filters.",
                "دریپر دم‌آوری دستی",
                "دریپر مخروطی سرامیکی برای یک یا دو فنجان. با فیلتر سایز ۰۲.",
            ),
            DemoProduct(
                "Paper Filters (100)",
                "5.90",
                "Unbleached size 02 filters, rinsed-taste free.",
                "فیلتر کاغذی (۱۰۰ عددی)",
                "فیلترهای سفیدنشده سایز ۰۲ که طعم کاغذ به قهوه نمی‌دهند.",
            ),
            DemoProduct(
                "Hand Grinder",
                "79.00",
                "Steel burrs with 40 click settings, from espresso to French press.",
                "آسیاب دستی قهوه",
                "تیغه‌های فولادی با ۴۰ درجه تنظیم، از اسپرسو تا فرنچ‌پرس.",
            ),
            DemoProduct(
                "Cold Brew Bottle 1 L",
                "29.00",
                "Glass bottle with a fine mesh core; steep overnight in the fridge.",
                "بطری کلدبرو ۱ لیتری",
                "بطری شیشه‌ای با صافی توری ریز؛ یک شب در یخچال دم بکشد.",
            ),
        ),
    ),
    DemoCategory(
        "Tea",
        "چای",
        "tea",
        "#a8d5a2",
        (
            DemoProduct(
                "Sencha Green Tea 100 g",
                "11.00",
                "Steamed Japanese green tea, grassy and bright.",
                "چای سبز سنچا ۱۰۰ گرم",
                "چای سبز ژاپنی بخارپز، با طعم علفی و روشن.",
            ),
            DemoProduct(
                "Assam Breakfast 250 g",
                "12.50",
                "Malty black tea that stands up to milk.",
                "چای صبحانه آسام ۲۵۰ گرم",
                "چای سیاه مالت‌دار که با شیر هم طعمش را حفظ می‌کند.",
            ),
            DemoProduct(
                "Chamomile Flowers 80 g",
                "8.90",
                "Whole Egyptian chamomile blossoms for a calm evening cup.",
                "گل بابونه ۸۰ گرم",
                "گل‌های کامل بابونه مصری برای یک فنجان آرام شبانه.",
            ),
            DemoProduct(
                "Earl Grey Supreme 100 g",
                "10.50",
                "Ceylon black tea with real bergamot oil and cornflower petals.",
                "چای ارل گری سوپریم ۱۰۰ گرم",
                "چای سیاه سیلان با روغن طبیعی برگاموت و گلبرگ گل گندم.",
            ),
            DemoProduct(
                "Cast Iron Teapot 0.8 L",
                "49.00",
                "Enamelled inside, keeps tea hot for a long while.",
                "قوری چدنی ۰٫۸ لیتری",
                "داخلش لعاب‌دار است و چای را مدت زیادی گرم نگه می‌دارد.",
            ),
            DemoProduct(
                "Glass Tea Infuser Mug",
                "19.00",
                "Borosilicate mug with a removable infuser and lid.",
                "ماگ شیشه‌ای دمنوش‌ساز",
                "ماگ بوروسیلیکات با صافی جداشدنی و درپوش.",
            ),
            DemoProduct(
                "Matcha Whisk Set",
                "27.00",
                "Bamboo whisk, scoop and ceramic holder.",
                "ست همزن ماچا",
                "همزن بامبو، قاشق و پایه سرامیکی.",
            ),
            DemoProduct(
                "Rooibos Vanilla 100 g",
                "9.50",
                "Caffeine-free red bush tea with Madagascar vanilla.",
                "چای رویبوس وانیلی ۱۰۰ گرم",
                "دمنوش بدون کافئین بوته سرخ با وانیل ماداگاسکار.",
            ),
        ),
    ),
    DemoCategory(
        "Kitchen",
        "آشپزخانه",
        "kitchen",
        "#f3c98b",
        (
            DemoProduct(
                "Carbon Steel Pan 28 cm",
                "54.00",
                "Seasons like cast iron, weighs half. Oven safe.",
                "تابه فولاد کربنی ۲۸ سانتی‌متری",
                "مثل چدن جا می‌افتد و نصف آن وزن دارد. مناسب فر.",
            ),
            DemoProduct(
                "Chef's Knife 20 cm",
                "89.00",
                "Full-tang German steel, balanced for long prep sessions.",
                "چاقوی سرآشپز ۲۰ سانتی‌متری",
                "فولاد آلمانی یکپارچه تا انتهای دسته، متعادل برای ساعت‌ها آماده‌سازی.",
            ),
            DemoProduct(
                "Olive Wood Cutting Board",
                "42.00",
                "Cut from a single piece of Tuscan olive wood.",
                "تخته برش چوب زیتون",
                "از یک تکه چوب زیتون توسکانی بریده شده است.",
            ),
            DemoProduct(
                "Linen Tea Towels (2)",
                "16.00",
                "Stonewashed linen that dries glasses without lint.",
                "دستمال آشپزخانه کتان (۲ عددی)",
                "کتان سنگ‌شور که لیوان‌ها را بی‌پرز خشک می‌کند.",
            ),
            DemoProduct(
                "Enamel Dutch Oven 4 L",
                "119.00",
                "Even heat for stews, bread and braises.",
                "قابلمه چدنی لعابی ۴ لیتری",
                "گرمای یکنواخت برای خورش، نان و خوراک‌های آرام‌پز.",
            ),
            DemoProduct(
                "Wooden Spoon Set (3)",
                "18.50",
                "Beech spoons in three sizes, oiled and ready to use.",
                "ست قاشق چوبی (۳ عددی)",
                "قاشق‌های چوب راش در سه اندازه، روغن‌خورده و آماده استفاده.",
            ),
            DemoProduct(
                "Glass Storage Jars (4)",
                "26.00",
                "Airtight jars with bamboo lids for pantry staples.",
                "بانکه شیشه‌ای (۴ عددی)",
                "بانکه‌های هوابند با درپوش بامبو برای مواد خشک آشپزخانه.",
            ),
            DemoProduct(
                "Digital Kitchen Scale",
                "22.00",
                "Weighs to the gram up to 5 kg; tare button and timer.",
                "ترازوی دیجیتال آشپزخانه",
                "وزن‌کشی با دقت یک گرم تا ۵ کیلوگرم؛ با دکمه صفرکردن و تایمر.",
            ),
        ),
    ),
    DemoCategory(
        "Home",
        "خانه",
        "home",
        "#b8b9e6",
        (
            DemoProduct(
                "Soy Candle Fig & Cedar",
                "21.00",
                "Hand-poured soy wax, 45 hours of burn time.",
                "شمع سویا انجیر و سدر",
                "موم سویا که با دست ریخته شده، با ۴۵ ساعت زمان سوختن.",
            ),
            DemoProduct(
                "Wool Throw Blanket",
                "84.00",
                "Merino blend, woven in a soft herringbone.",
                "شال‌پتوی پشمی",
                "ترکیب پشم مرینو، بافته‌شده با طرح جناغی نرم.",
            ),
            DemoProduct(
                "Ceramic Bud Vase",
                "17.50",
                "Matte glaze vase for a single stem or two.",
                "گلدان سرامیکی تک‌شاخه",
                "گلدان با لعاب مات برای یکی دو شاخه گل.",
            ),
            DemoProduct(
                "Linen Cushion Cover",
                "28.00",
                "50 × 50 cm cover with a hidden zip.",
                "روکش کوسن کتان",
                "روکش ۵۰ × ۵۰ سانتی‌متری با زیپ مخفی.",
            ),
            DemoProduct(
                "Brass Table Lamp",
                "135.00",
                "Warm dimmable light with a pleated linen shade.",
                "چراغ رومیزی برنجی",
                "نور گرم و قابل تنظیم با آباژور کتان پلیسه.",
            ),
            DemoProduct(
                "Scented Reed Diffuser",
                "24.00",
                "Bergamot and vetiver, lasts around three months.",
                "خوشبوکننده چوب‌دار",
                "رایحه برگاموت و وتیور، حدود سه ماه دوام دارد.",
            ),
            DemoProduct(
                "Woven Storage Basket",
                "32.00",
                "Seagrass basket with handles for blankets or toys.",
                "سبد حصیری نگهداری",
                "سبد علف دریایی دسته‌دار برای پتو یا اسباب‌بازی.",
            ),
            DemoProduct(
                "Wall Clock Oak",
                "46.00",
                "Silent sweep movement in a solid oak frame.",
                "ساعت دیواری بلوط",
                "موتور بی‌صدا با حرکت پیوسته عقربه در قاب چوب بلوط یکپارچه.",
            ),
        ),
    ),
    DemoCategory(
        "Stationery",
        "لوازم‌التحریر",
        "stationery",
        "#9cc9e8",
        (
            DemoProduct(
                "Dot Grid Notebook A5",
                "15.00",
                "192 numbered pages of 100 g paper that stops ink bleeding.",
                "دفتر نقطه‌ای A5",
                "۱۹۲ صفحه شماره‌دار از کاغذ ۱۰۰ گرمی که جوهر از آن رد نمی‌شود.",
            ),
            DemoProduct(
                "Fountain Pen Fine Nib",
                "34.00",
                "Steel nib, converter included, writes smooth from day one.",
                "خودنویس نوک ریز",
                "نوک فولادی، همراه با مبدل جوهر، از روز اول روان می‌نویسد.",
            ),
            DemoProduct(
                "Bottled Ink Midnight Blue",
                "12.00",
                "50 ml of water-based ink that dries fast.",
                "جوهر شیشه‌ای آبی نیمه‌شب",
                "۵۰ میلی‌لیتر جوهر پایه آب که زود خشک می‌شود.",
            ),
            DemoProduct(
                "Weekly Desk Planner",
                "19.50",
                "Undated weekly spreads for a full year of plans.",
                "برنامه‌ریز هفتگی رومیزی",
                "صفحه‌های هفتگی بدون تاریخ برای برنامه‌های یک سال کامل.",
            ),
            DemoProduct(
                "Brass Pencil Sharpener",
                "8.00",
                "A single heavy blade that lasts for years.",
                "مدادتراش برنجی",
                "یک تیغه سنگین که سال‌ها کار می‌کند.",
            ),
            DemoProduct(
                "Graphite Pencils (12)",
                "9.90",
                "Cedar pencils from 4H to 8B for sketching and writing.",
                "مداد طراحی (۱۲ عددی)",
                "مدادهای چوب سدر از 4H تا 8B برای طراحی و نوشتن.",
            ),
            DemoProduct(
                "Leather Pen Case",
                "29.00",
                "Vegetable-tanned leather case for three pens.",
                "جاقلمی چرمی",
                "جاقلمی از چرم دباغی گیاهی برای سه قلم.",
            ),
            DemoProduct(
                "Washi Tape Set (6)",
                "11.50",
                "Six patterned rolls of Japanese paper tape.",
                "ست چسب واشی (۶ عددی)",
                "شش حلقه چسب کاغذی ژاپنی طرح‌دار.",
            ),
        ),
    ),
    DemoCategory(
        "Garden",
        "باغ و باغچه",
        "garden",
        "#d9f99d",
        (
            DemoProduct(
                "Terracotta Pot 20 cm",
                "14.00",
                "Unglazed clay pot with a drainage hole and saucer.",
                "گلدان سفالی ۲۰ سانتی‌متری",
                "گلدان سفالی بدون لعاب با سوراخ زهکشی و زیرگلدانی.",
            ),
            DemoProduct(
                "Herb Seed Collection",
                "12.50",
                "Basil, parsley, chives, dill and coriander seeds.",
                "مجموعه بذر سبزی",
                "بذر ریحان، جعفری، تره، شوید و گشنیز.",
            ),
            DemoProduct(
                "Pruning Shears",
                "36.00",
                "Bypass blades that cut clean up to 20 mm.",
                "قیچی باغبانی",
                "تیغه‌های قیچی‌وار که شاخه‌ها را تا ۲۰ میلی‌متر تمیز می‌برند.",
            ),
            DemoProduct(
                "Watering Can 5 L",
                "31.00",
                "Galvanised steel can with a brass rose.",
                "آب‌پاش ۵ لیتری",
                "آب‌پاش فولاد گالوانیزه با سر دوش برنجی.",
            ),
            DemoProduct(
                "Garden Gloves",
                "13.50",
                "Breathable gloves with a nitrile-coated palm.",
                "دستکش باغبانی",
                "دستکش خنک با کف روکش نیتریلی.",
            ),
            DemoProduct(
                "Raised Bed Kit",
                "149.00",
                "Larch planks for a 120 × 80 cm raised bed.",
                "کیت باغچه مرتفع",
                "تخته‌های چوب کاج لاریکس برای یک باغچه مرتفع ۱۲۰ × ۸۰ سانتی‌متری.",
            ),
            DemoProduct(
                "Bird Feeder",
                "23.00",
                "Cedar feeder with a copper roof.",
                "دانه‌خوری پرندگان",
                "دانه‌خوری چوب سدر با سقف مسی.",
            ),
            DemoProduct(
                "Compost Bin 300 L",
                "69.00",
                "Recycled-plastic bin with a hatch at the base.",
                "سطل کمپوست ۳۰۰ لیتری",
                "سطل از پلاستیک بازیافتی با دریچه‌ای در پایین.",
            ),
        ),
    ),
)


def demo_stock(rng: random.Random, index: int) -> int:
    """Mostly well stocked, some low, every seventh product sold out."""
    if index % 7 == 3:
        return 0
    if index % 5 == 1:
        return rng.randint(1, 4)
    return rng.randint(8, 60)
