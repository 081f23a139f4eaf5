"""The demo catalog: what `seed_store` puts on the shelves (the pictures are drawn in demo_pictures)."""

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCategory:
    name: str
    slug: str
    background: str  # the pictures' backdrop is a light tint of it
    products: tuple[tuple[str, str, str], ...]  # name, price, description


CATEGORIES: tuple[DemoCategory, ...] = (
    DemoCategory(
        "Coffee",
        "coffee",
        "#d9a066",
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
        "#a8d5a2",
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
        "#f3c98b",
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
        "#b8b9e6",
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
        "#9cc9e8",
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
        "#d9f99d",
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
