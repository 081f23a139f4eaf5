"""The demo catalog: what `seed_store` puts on the shelves, and the pictures it draws."""

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = 600


@dataclass(frozen=True)
class DemoCategory:
    name: str
    slug: str
    colors: tuple[str, str]  # gradient top, bottom
    shape: str
    products: tuple[tuple[str, str, str], ...]  # name, price, description


CATEGORIES: tuple[DemoCategory, ...] = (
    DemoCategory(
        "Coffee",
        "coffee",
        ("#7c4a2d", "#d9a066"),
        "mug",
        (
            (
                "Ethiopia Yirgacheffe Beans 250 g",
                "14.50",
                "Washed heirloom beans with jasmine and bergamot notes. Light roast.",
            ),
            ("Colombia Huila Beans 1 kg", "39.00", "Caramel sweetness and a round body; our everyday espresso."),
            (
                "Decaf Swiss Water Beans 250 g",
                "13.00",
                "Chemical-free decaf that still tastes of chocolate and hazelnut.",
            ),
            ("Stoneware Espresso Cup", "9.50", "Double-walled 80 ml cup, glazed by hand, dishwasher safe."),
            ("Pour-over Dripper", "24.00", "Ceramic cone dripper for one or two cups. Uses size 02 filters."),
            ("Paper Filters (100)", "5.90", "Unbleached size 02 filters, rinsed-taste free."),
            ("Hand Grinder", "79.00", "Steel burrs with 40 click settings, from espresso to French press."),
            ("Cold Brew Bottle 1 L", "29.00", "Glass bottle with a fine mesh core; steep overnight in the fridge."),
        ),
    ),
    DemoCategory(
        "Tea",
        "tea",
        ("#2f6b4f", "#a8d5a2"),
        "teapot",
        (
            ("Sencha Green Tea 100 g", "11.00", "Steamed Japanese green tea, grassy and bright."),
            ("Assam Breakfast 250 g", "12.50", "Malty black tea that stands up to milk."),
            ("Chamomile Flowers 80 g", "8.90", "Whole Egyptian chamomile blossoms for a calm evening cup."),
            ("Earl Grey Supreme 100 g", "10.50", "Ceylon black tea with real bergamot oil and cornflower petals."),
            ("Cast Iron Teapot 0.8 L", "49.00", "Enamelled inside, keeps tea hot for a long while."),
            ("Glass Tea Infuser Mug", "19.00", "Borosilicate mug with a removable infuser and lid."),
            ("Matcha Whisk Set", "27.00", "Bamboo whisk, scoop and ceramic holder."),
            ("Rooibos Vanilla 100 g", "9.50", "Caffeine-free red bush tea with Madagascar vanilla."),
        ),
    ),
    DemoCategory(
        "Kitchen",
        "kitchen",
        ("#b4532a", "#f3c98b"),
        "pan",
        (
            ("Carbon Steel Pan 28 cm", "54.00", "Seasons like cast iron, weighs half. Oven safe."),
            ("Chef's Knife 20 cm", "89.00", "Full-tang German steel, balanced for long prep sessions."),
            ("Olive Wood Cutting Board", "42.00", "Cut from a single piece of Tuscan olive wood."),
            ("Linen Tea Towels (2)", "16.00", "Stonewashed linen that dries glasses without lint."),
            ("Enamel Dutch Oven 4 L", "119.00", "Even heat for stews, bread and braises."),
            ("Wooden Spoon Set (3)", "18.50", "Beech spoons in three sizes, oiled and ready to use."),
            ("Glass Storage Jars (4)", "26.00", "Airtight jars with bamboo lids for pantry staples."),
            ("Digital Kitchen Scale", "22.00", "Weighs to the gram up to 5 kg; tare button and timer."),
        ),
    ),
    DemoCategory(
        "Home",
        "home",
        ("#4b4e8a", "#b8b9e6"),
        "candle",
        (
            ("Soy Candle Fig & Cedar", "21.00", "Hand-poured soy wax, 45 hours of burn time."),
            ("Wool Throw Blanket", "84.00", "Merino blend, woven in a soft herringbone."),
            ("Ceramic Bud Vase", "17.50", "Matte glaze vase for a single stem or two."),
            ("Linen Cushion Cover", "28.00", "50 × 50 cm cover with a hidden zip."),
            ("Brass Table Lamp", "135.00", "Warm dimmable light with a pleated linen shade."),
            ("Scented Reed Diffuser", "24.00", "Bergamot and vetiver, lasts around three months."),
            ("Woven Storage Basket", "32.00", "Seagrass basket with handles for blankets or toys."),
            ("Wall Clock Oak", "46.00", "Silent sweep movement in a solid oak frame."),
        ),
    ),
    DemoCategory(
        "Stationery",
        "stationery",
        ("#1f5f8b", "#9cc9e8"),
        "notebook",
        (
            ("Dot Grid Notebook A5", "15.00", "192 numbered pages of 100 g paper that stops ink bleeding."),
            ("Fountain Pen Fine Nib", "34.00", "Steel nib, converter included, writes smooth from day one."),
            ("Bottled Ink Midnight Blue", "12.00", "50 ml of water-based ink that dries fast."),
            ("Weekly Desk Planner", "19.50", "Undated weekly spreads for a full year of plans."),
            ("Brass Pencil Sharpener", "8.00", "A single heavy blade that lasts for years."),
            ("Graphite Pencils (12)", "9.90", "Cedar pencils from 4H to 8B for sketching and writing."),
            ("Leather Pen Case", "29.00", "Vegetable-tanned leather case for three pens."),
            ("Washi Tape Set (6)", "11.50", "Six patterned rolls of Japanese paper tape."),
        ),
    ),
    DemoCategory(
        "Garden",
        "garden",
        ("#4d7c0f", "#d9f99d"),
        "plant",
        (
            ("Terracotta Pot 20 cm", "14.00", "Unglazed clay pot with a drainage hole and saucer."),
            ("Herb Seed Collection", "12.50", "Basil, parsley, chives, dill and coriander seeds."),
            ("Pruning Shears", "36.00", "Bypass blades that cut clean up to 20 mm."),
            ("Watering Can 5 L", "31.00", "Galvanised steel can with a brass rose."),
            ("Garden Gloves", "13.50", "Breathable gloves with a nitrile-coated palm."),
            ("Raised Bed Kit", "149.00", "Larch planks for a 120 × 80 cm raised bed."),
            ("Bird Feeder", "23.00", "Cedar feeder with a copper roof."),
            ("Compost Bin 300 L", "69.00", "Recycled-plastic bin with a hatch at the base."),
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


def _font(size: int) -> ImageFont.ImageFont:
    for name in ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _gradient(top: str, bottom: str) -> Image.Image:
    top_rgb = Image.new("RGB", (1, 1), top).getpixel((0, 0))
    bottom_rgb = Image.new("RGB", (1, 1), bottom).getpixel((0, 0))
    column = Image.new("RGB", (1, IMAGE_SIZE))
    for y in range(IMAGE_SIZE):
        t = y / (IMAGE_SIZE - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True)))
    return column.resize((IMAGE_SIZE, IMAGE_SIZE))


def _draw_shape(draw: ImageDraw.ImageDraw, shape: str, accent: tuple[int, int, int]) -> None:
    white = (255, 255, 255)
    if shape == "mug":
        draw.rounded_rectangle((190, 200, 380, 420), radius=28, fill=white)
        draw.ellipse((350, 250, 450, 370), outline=white, width=22)
        for x in (235, 285, 335):
            draw.arc((x - 20, 120, x + 20, 190), 90, 270, fill=white, width=8)
    elif shape == "teapot":
        draw.ellipse((170, 220, 430, 440), fill=white)
        draw.polygon([(420, 300), (500, 240), (510, 260), (430, 350)], fill=white)
        draw.ellipse((260, 180, 340, 240), fill=white)
        draw.ellipse((140, 280, 200, 380), outline=white, width=18)
    elif shape == "pan":
        draw.ellipse((140, 230, 380, 410), fill=white)
        draw.ellipse((165, 250, 355, 390), fill=accent)
        draw.rounded_rectangle((370, 305, 520, 335), radius=14, fill=white)
    elif shape == "candle":
        draw.rounded_rectangle((220, 250, 380, 450), radius=20, fill=white)
        draw.line((300, 250, 300, 215), fill=(60, 60, 60), width=6)
        draw.ellipse((280, 140, 320, 215), fill=(255, 200, 80))
    elif shape == "notebook":
        draw.rounded_rectangle((190, 150, 410, 450), radius=14, fill=white)
        draw.rectangle((190, 150, 225, 450), fill=accent)
        for y in range(210, 420, 40):
            draw.line((250, y, 385, y), fill=accent, width=5)
    else:  # plant
        draw.polygon([(220, 330), (380, 330), (355, 450), (245, 450)], fill=white)
        draw.ellipse((230, 170, 300, 320), fill=white)
        draw.ellipse((300, 150, 370, 320), fill=white)
        draw.line((300, 330, 300, 200), fill=accent, width=8)


def draw_product_image(*, name: str, category: DemoCategory) -> bytes:
    """A product picture drawn locally: the category's colours, an object, the product's name."""
    image = _gradient(*category.colors)
    draw = ImageDraw.Draw(image)
    accent = image.getpixel((IMAGE_SIZE // 2, IMAGE_SIZE // 2))
    _draw_shape(draw, category.shape, accent)
    draw.rectangle((0, 490, IMAGE_SIZE, IMAGE_SIZE), fill=(255, 255, 255))
    font = _font(30)
    label = name if draw.textlength(name, font=font) < IMAGE_SIZE - 40 else name[:30] + "…"
    draw.text((IMAGE_SIZE // 2, 545), label, fill=(40, 40, 40), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
