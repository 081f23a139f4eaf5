"""The demo catalog's pictures, drawn locally with Pillow: one drawing function per kind of object.

Every drawing works on a 100 × 100 grid (x to the right, y down); `PICTURES` says which drawing and
which colours each demo product gets. No text: the product's name is next to its picture on every page.
"""

import io
import math
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw, ImageOps

IMAGE_SIZE = 800
# Drawn at twice the size and scaled down: Pillow's shapes have no anti-aliasing of their own.
SUPERSAMPLE = 2
UNIT = IMAGE_SIZE * SUPERSAMPLE / 100

Point = tuple[float, float]


def shade(color: str, factor: float) -> str:
    """Darker below 1, lighter above 1 (towards white)."""
    red, green, blue = ImageColor.getrgb(color)[:3]
    if factor <= 1:
        mixed: tuple[int, ...] = (round(red * factor), round(green * factor), round(blue * factor))
    else:
        towards_white = factor - 1
        mixed = tuple(round(c + (255 - c) * towards_white) for c in (red, green, blue))
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def rotate(points: list[Point], center: Point, degrees: float) -> list[Point]:
    angle = math.radians(degrees)
    cx, cy = center
    return [
        (cx + (x - cx) * math.cos(angle) - (y - cy) * math.sin(angle),
         cy + (x - cx) * math.sin(angle) + (y - cy) * math.cos(angle))
        for x, y in points
    ]  # fmt: skip


class Canvas:
    """Pillow's drawing calls in grid units."""

    def __init__(self, draw: ImageDraw.ImageDraw):
        self.draw = draw

    @staticmethod
    def _px(points: list[Point]) -> list[tuple[float, float]]:
        return [(x * UNIT, y * UNIT) for x, y in points]

    def rect(self, box: tuple[float, float, float, float], fill: str, radius: float = 0, outline: str | None = None,
             width: float = 0) -> None:  # fmt: skip
        self.draw.rounded_rectangle(
            [v * UNIT for v in box], radius=radius * UNIT, fill=fill, outline=outline, width=round(width * UNIT)
        )

    def ellipse(self, box: tuple[float, float, float, float], fill: str | None = None, outline: str | None = None,
                width: float = 0) -> None:  # fmt: skip
        self.draw.ellipse([v * UNIT for v in box], fill=fill, outline=outline, width=round(width * UNIT))

    def circle(self, center: Point, radius: float, fill: str | None = None, outline: str | None = None,
               width: float = 0) -> None:  # fmt: skip
        x, y = center
        self.ellipse((x - radius, y - radius, x + radius, y + radius), fill, outline, width)

    def polygon(self, points: list[Point], fill: str, outline: str | None = None, width: float = 0) -> None:
        self.draw.polygon(self._px(points), fill=fill, outline=outline, width=round(width * UNIT))

    def line(self, points: list[Point], fill: str, width: float) -> None:
        self.draw.line(self._px(points), fill=fill, width=round(width * UNIT), joint="curve")

    def stick(self, start: Point, end: Point, fill: str, width: float) -> None:
        """A line with round ends: handles, pencils, stems."""
        self.line([start, end], fill, width)
        self.circle(start, width / 2, fill)
        self.circle(end, width / 2, fill)

    def arc(self, box: tuple[float, float, float, float], start: float, end: float, fill: str, width: float) -> None:
        self.draw.arc([v * UNIT for v in box], start, end, fill=fill, width=round(width * UNIT))

    def chord(self, box: tuple[float, float, float, float], start: float, end: float, fill: str) -> None:
        self.draw.chord([v * UNIT for v in box], start, end, fill=fill)

    def oval(self, center: Point, rx: float, ry: float, degrees: float, fill: str) -> None:
        """An ellipse turned by `degrees`: beans, leaves, petals, spoon bowls."""
        cx, cy = center
        outline = [(cx + rx * math.cos(t / 18 * math.pi), cy + ry * math.sin(t / 18 * math.pi)) for t in range(36)]
        self.polygon(rotate(outline, center, degrees), fill)

    def bar(self, start: Point, end: Point, thickness: float, fill: str) -> None:
        """A straight rectangle from `start` to `end` at any angle: blades, pens, planks."""
        (x0, y0), (x1, y1) = start, end
        length = math.hypot(x1 - x0, y1 - y0)
        nx, ny = -(y1 - y0) / length * thickness / 2, (x1 - x0) / length * thickness / 2
        self.polygon([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], fill)


WHITE = "#ffffff"
INK = "#2b2b2b"
STEEL = "#b9c0c7"
WOOD = "#c8925a"
GLASS = "#e8f1f4"


def bean(c: Canvas, center: Point, size: float, degrees: float, color: str = "#5a3420") -> None:
    c.oval(center, size, size * 0.68, degrees, color)
    x, y = center
    crease = rotate([(x - size * 0.7, y), (x + size * 0.7, y)], center, degrees)
    c.line(crease, shade(color, 0.6), size * 0.18)


def leaf(c: Canvas, center: Point, size: float, degrees: float, color: str) -> None:
    c.oval(center, size, size * 0.42, degrees, color)
    x, y = center
    c.line(rotate([(x - size * 0.8, y), (x + size * 0.8, y)], center, degrees), shade(color, 0.75), size * 0.08)


def flower(c: Canvas, center: Point, size: float, petals: str, middle: str, count: int = 10) -> None:
    x, y = center
    for n in range(count):
        angle = 360 / count * n
        petal_center = rotate([(x + size * 0.62, y)], center, angle)[0]
        c.oval(petal_center, size * 0.42, size * 0.17, angle, petals)
    c.circle(center, size * 0.3, middle)


# Coffee


def bean_bag(c: Canvas, body: str, detail: str) -> None:
    c.polygon([(30, 28), (70, 28), (73, 86), (27, 86)], body)
    c.rect((28, 20, 72, 30), shade(body, 0.8), radius=1.5)
    for x in range(31, 71, 4):
        c.line([(x, 21), (x, 29)], shade(body, 0.65), 0.6)
    c.rect((37, 44, 63, 70), detail, radius=3)
    bean(c, (50, 57), 7, -30, shade(body, 0.5))
    for center, degrees in (((78, 84), 20), ((85, 80), -40), ((20, 85), 70)):
        bean(c, center, 4, degrees)


def espresso_cup(c: Canvas, body: str, detail: str) -> None:
    c.ellipse((18, 72, 82, 86), shade(body, 0.85))
    c.ellipse((24, 73, 76, 83), body)
    c.arc((58, 50, 78, 68), -80, 80, body, 3)
    c.chord((30, 36, 70, 80), 0, 180, body)
    c.rect((30, 50, 70, 58), body)
    c.ellipse((30, 44, 70, 56), shade(body, 0.85))
    c.ellipse((33, 46, 67, 54), detail)
    for x in (42, 50, 58):
        c.arc((x - 4, 24, x + 4, 40), 100, 260, shade(WHITE, 0.9), 1.2)


def dripper(c: Canvas, body: str, detail: str) -> None:
    c.rect((30, 62, 70, 88), GLASS, radius=3)
    c.rect((30, 74, 70, 88), detail, radius=3)
    c.polygon([(20, 26), (80, 26), (62, 58), (38, 58)], body)
    c.ellipse((20, 22, 80, 30), shade(body, 0.85))
    c.ellipse((24, 23, 76, 29), "#f5efe3")
    c.rect((34, 56, 66, 63), shade(body, 0.8), radius=1.5)
    for x in (40, 50, 60):
        c.line([(x - (x - 50) * 0.2, 32), (x - (x - 50) * 0.5, 54)], shade(body, 0.9), 0.8)
    c.line([(50, 63), (50, 72)], detail, 1.2)


def paper_filters(c: Canvas, body: str, detail: str) -> None:
    for n, color in enumerate((shade(body, 0.85), shade(body, 0.93), body)):
        dx, dy = n * 6 - 6, n * 5 - 5
        c.polygon([(22 + dx, 30 + dy), (72 + dx, 30 + dy), (62 + dx, 74 + dy), (32 + dx, 74 + dy)], color)
        for y in range(34, 72, 4):
            c.line([(62 + dx + (74 - y) * 0.23, y + dy), (65 + dx + (74 - y) * 0.23, y + dy)], detail, 0.7)
        for x in range(35, 62, 4):
            c.line([(x + dx, 71 + dy), (x + dx, 74 + dy)], detail, 0.7)


def hand_grinder(c: Canvas, body: str, detail: str) -> None:
    c.rect((36, 38, 64, 86), body, radius=3)
    c.rect((36, 66, 64, 86), shade(body, 0.75), radius=3)
    c.ellipse((36, 34, 64, 42), shade(body, 1.25))
    c.rect((47, 24, 53, 38), STEEL)
    c.stick((50, 26), (78, 20), STEEL, 3)
    c.rect((74, 10, 82, 22), detail, radius=3)
    for y in (48, 54, 60):
        c.line([(38, y), (62, y)], shade(body, 0.85), 0.8)


def cold_brew_bottle(c: Canvas, body: str, detail: str) -> None:
    c.rect((32, 30, 68, 88), GLASS, radius=6)
    c.rect((32, 44, 68, 88), detail, radius=6)
    c.rect((42, 18, 58, 32), GLASS)
    c.rect((40, 10, 60, 20), body, radius=2)
    c.rect((45, 22, 55, 80), shade(GLASS, 0.85))
    for y in range(24, 80, 4):
        c.line([(45, y), (55, y)], shade(STEEL, 0.8), 0.5)
    c.rect((35, 34, 38, 84), shade(GLASS, 1.5), radius=1.5)


# Tea


def tea_tin(c: Canvas, body: str, detail: str, garnish: str) -> None:
    c.rect((26, 34, 60, 86), body, radius=2)
    c.rect((24, 26, 62, 38), shade(body, 0.75), radius=2)
    c.rect((26, 52, 60, 70), detail)
    GARNISHES[garnish](c)


def _green_leaves(c: Canvas) -> None:
    for center, degrees in (((74, 62), -60), ((82, 74), -20), ((70, 80), 30)):
        leaf(c, center, 9, degrees, "#5e9c3a")


def _cup_with_milk(c: Canvas) -> None:
    """A breakfast tea is drunk with milk: a cup of it beside the tin."""
    c.ellipse((62, 84, 96, 92), shade(WHITE, 0.88))
    c.arc((84, 68, 96, 80), -80, 80, WHITE, 2)
    c.chord((64, 58, 90, 90), 0, 180, WHITE)
    c.rect((64, 72, 90, 75), WHITE)
    c.ellipse((64, 69, 90, 76), shade(WHITE, 0.85))
    c.ellipse((66, 70, 88, 75), "#c89a6a")


def _chamomile(c: Canvas) -> None:
    for center, size in (((76, 62), 9), ((82, 82), 7), ((66, 82), 6)):
        flower(c, center, size, WHITE, "#f2c12e", count=12)


def _cornflower(c: Canvas) -> None:
    for center, size in (((76, 64), 8), ((80, 82), 7)):
        flower(c, center, size, "#3f6fd8", "#223b80", count=8)


def _vanilla(c: Canvas) -> None:
    c.line([(64, 90), (76, 60), (86, 44)], "#3d2414", 3)
    flower(c, (82, 76), 7, "#f4efd0", "#e6c84a", count=5)


GARNISHES: dict[str, Callable[[Canvas], None]] = {
    "green leaves": _green_leaves,
    "cup with milk": _cup_with_milk,
    "chamomile": _chamomile,
    "cornflower": _cornflower,
    "vanilla": _vanilla,
}


def cast_iron_teapot(c: Canvas, body: str, detail: str) -> None:
    c.arc((30, 16, 70, 62), 190, 350, shade(body, 0.8), 3)
    c.polygon([(28, 58), (12, 42), (16, 40), (34, 54)], body)
    c.ellipse((24, 38, 76, 86), body)
    c.ellipse((38, 34, 62, 42), shade(body, 1.3))
    c.circle((50, 33), 3, detail)
    for row, y in enumerate(range(48, 82, 6)):
        for x in range(30 + row % 2 * 3, 72, 6):
            if (x - 50) ** 2 / 26**2 + (y - 62) ** 2 / 24**2 < 0.8:
                c.circle((x, y), 1, shade(body, 1.25))


def infuser_mug(c: Canvas, body: str, detail: str) -> None:
    c.arc((58, 42, 80, 70), -80, 80, shade(GLASS, 0.8), 3)
    c.rect((26, 30, 66, 86), GLASS, radius=4)
    c.rect((26, 46, 66, 86), detail, radius=4)
    c.rect((38, 24, 54, 66), shade(STEEL, 1.2), radius=2)
    for y in range(30, 66, 3):
        c.line([(38, y), (54, y)], STEEL, 0.4)
    c.ellipse((32, 20, 60, 28), body)
    c.rect((29, 34, 32, 82), shade(GLASS, 1.5), radius=1.5)


def matcha_set(c: Canvas, body: str, detail: str) -> None:
    c.chord((14, 36, 60, 90), 0, 180, body)
    c.ellipse((14, 56, 60, 70), shade(body, 0.8))
    c.ellipse((17, 58, 57, 68), detail)
    c.rect((66, 14, 76, 42), WOOD, radius=2)
    c.ellipse((62, 40, 80, 80), "#e8d3a3")
    for x in range(63, 80, 2):
        c.line([(71, 42), (x, 60), (71, 78)], shade(WOOD, 0.85), 0.5)
    c.stick((20, 92), (56, 86), WOOD, 2)


# Kitchen


def frying_pan(c: Canvas, body: str, detail: str) -> None:
    c.rect((62, 55, 94, 62), shade(body, 0.7), radius=3)
    c.ellipse((10, 36, 70, 84), body)
    c.ellipse((15, 40, 65, 80), shade(body, 1.25))
    c.ellipse((24, 48, 46, 62), shade(body, 1.4))
    c.circle((88, 58.5), 1.5, detail)


def chefs_knife(c: Canvas, body: str, detail: str) -> None:
    c.polygon([(10, 58), (30, 44), (66, 40), (66, 60), (20, 62)], STEEL)
    c.line([(16, 58), (66, 56)], shade(STEEL, 1.3), 1)
    c.rect((64, 42, 70, 58), shade(STEEL, 0.8), radius=1)
    c.rect((68, 43, 94, 57), body, radius=3)
    for x in (74, 81, 88):
        c.circle((x, 50), 1.3, detail)


def cutting_board(c: Canvas, body: str, detail: str) -> None:
    c.rect((14, 30, 80, 80), body, radius=8)
    c.rect((76, 48, 94, 62), body, radius=7)
    c.circle((88, 55), 2.5, shade(WOOD, 1.6))
    for n, y in enumerate(range(38, 76, 7)):
        c.arc((10 + n * 4, y - 4, 70 + n * 2, y + 6), 200, 340, detail, 1)


def tea_towels(c: Canvas, body: str, detail: str) -> None:
    for dx, dy, color in ((-8, -8, shade(body, 0.9)), (6, 6, body)):
        c.rect((24 + dx, 30 + dy, 72 + dx, 72 + dy), color, radius=2)
        c.rect((24 + dx, 36 + dy, 72 + dx, 40 + dy), detail)
        c.rect((24 + dx, 62 + dy, 72 + dx, 66 + dy), detail)
    c.stick((30, 26), (36, 20), detail, 1.2)


def dutch_oven(c: Canvas, body: str, detail: str) -> None:
    c.rect((12, 52, 24, 58), shade(body, 0.8), radius=2)
    c.rect((76, 52, 88, 58), shade(body, 0.8), radius=2)
    c.rect((20, 44, 80, 86), body, radius=8)
    c.chord((18, 32, 82, 54), 180, 360, shade(body, 1.15))
    c.rect((18, 42, 82, 46), shade(body, 0.85))
    c.rect((44, 28, 56, 34), detail, radius=2)
    c.rect((26, 50, 30, 80), shade(body, 1.3), radius=2)


def wooden_spoons(c: Canvas, body: str, detail: str) -> None:
    for x, length, degrees, color in ((30, 60, -8, body), (50, 54, 0, shade(body, 0.9)), (70, 48, 8, shade(body, 1.1))):
        top = 20 + (60 - length)
        handle = rotate([(x, top + 12), (x, 90)], (x, 60), degrees)
        c.stick(handle[0], handle[1], color, 3.5)
        bowl = rotate([(x, top + 6)], (x, 60), degrees)[0]
        c.oval(bowl, 6, 9, degrees, color)
        c.oval(bowl, 3.5, 6, degrees, detail)


def storage_jars(c: Canvas, body: str, detail: str) -> None:
    contents = ("#f2d36b", "#f7f2e6", "#e0783a", "#7a4b2a")
    for n, content in enumerate(contents):
        x = 10 + n * 21
        height = (40, 52, 34, 46)[n]
        top = 86 - height
        c.rect((x, top, x + 18, 86), GLASS, radius=3)
        c.rect((x, top + 10, x + 18, 86), content, radius=3)
        c.rect((x - 1, top - 4, x + 19, top + 2), body, radius=1.5)
        c.rect((x + 2, top + 4, x + 4, 82), shade(GLASS, 1.5))
    c.line([(8, 87), (94, 87)], detail, 0.8)


def kitchen_scale(c: Canvas, body: str, detail: str) -> None:
    c.rect((16, 52, 84, 82), body, radius=5)
    c.rect((20, 46, 80, 54), STEEL, radius=2)
    c.rect((36, 62, 64, 74), INK, radius=2)
    for x in (40, 47, 54):
        c.rect((x, 65, x + 5, 71), detail)
    c.circle((72, 68), 3, shade(body, 0.8))
    c.chord((30, 22, 70, 62), 0, 180, shade(WHITE, 0.95))
    c.ellipse((32, 36, 68, 46), "#f4ead4")


# Home


def jar_candle(c: Canvas, body: str, detail: str) -> None:
    c.rect((28, 40, 72, 88), shade(body, 0.85), radius=4)
    c.ellipse((28, 36, 72, 46), shade(body, 1.2))
    c.rect((32, 58, 68, 76), detail)
    c.line([(50, 41), (50, 32)], INK, 1)
    c.polygon([(50, 10), (56, 26), (50, 33), (44, 26)], "#f7a531")
    c.polygon([(50, 18), (53, 27), (50, 31), (47, 27)], "#fde08a")
    leaf(c, (78, 80), 7, -50, "#4f7a46")


def throw_blanket(c: Canvas, body: str, detail: str) -> None:
    for n in range(3):
        y = 34 + n * 16
        c.rect((14, y, 86, y + 18), shade(body, 1 - n * 0.08), radius=8)
        for x in range(20, 82, 6):
            c.line([(x, y + 4), (x + 3, y + 9), (x, y + 14)], detail, 0.8)
    for x in range(18, 84, 4):
        c.line([(x, 84), (x, 90)], shade(body, 0.8), 1)


def bud_vase(c: Canvas, body: str, detail: str) -> None:
    c.line([(50, 50), (52, 30), (56, 14)], "#4f7a46", 1.2)
    leaf(c, (60, 32), 6, -30, "#4f7a46")
    flower(c, (56, 14), 6, detail, "#f2c12e", count=8)
    c.ellipse((30, 54, 70, 88), body)
    c.rect((44, 44, 56, 60), body, radius=2)
    c.ellipse((43, 42, 57, 47), shade(body, 0.7))
    c.arc((34, 58, 66, 84), 200, 250, shade(body, 1.4), 2)


def cushion(c: Canvas, body: str, detail: str) -> None:
    c.rect((16, 22, 84, 86), shade(body, 0.85), radius=16)
    c.rect((18, 22, 82, 82), body, radius=16, outline=detail, width=1)
    for start, end in (((26, 30), (42, 46)), ((74, 30), (58, 46)), ((26, 74), (42, 58)), ((74, 74), (58, 58))):
        c.line([start, end], shade(body, 0.9), 1)
    c.circle((50, 52), 3, detail)


def table_lamp(c: Canvas, body: str, detail: str) -> None:
    c.circle((50, 36), 30, shade(detail, 1.4))
    c.ellipse((34, 82, 66, 90), body)
    c.rect((48, 50, 52, 86), body)
    c.polygon([(34, 16), (66, 16), (76, 52), (24, 52)], detail)
    for n in range(1, 10):
        x_top, x_bottom = 34 + n * 3.2, 24 + n * 5.2
        c.line([(x_top, 17), (x_bottom, 51)], shade(detail, 0.88), 0.6)


def reed_diffuser(c: Canvas, body: str, detail: str) -> None:
    for end in ((22, 8), (34, 6), (48, 4), (60, 8), (74, 10), (82, 18)):
        c.line([(50, 60), end], "#6b5538", 1)
    c.rect((30, 56, 70, 88), body, radius=6)
    c.rect((42, 48, 58, 58), shade(body, 0.7), radius=1)
    c.rect((36, 66, 64, 80), detail, radius=2)


def woven_basket(c: Canvas, body: str, detail: str) -> None:
    c.arc((18, 28, 38, 52), 180, 360, shade(body, 0.7), 3)
    c.arc((62, 28, 82, 52), 180, 360, shade(body, 0.7), 3)
    c.rect((28, 30, 72, 48), detail, radius=6)
    c.polygon([(14, 40), (86, 40), (78, 88), (22, 88)], body)
    for row, y in enumerate(range(44, 86, 6)):
        for x in range(18 + row % 2 * 5, 82, 10):
            c.rect((x, y, x + 5, y + 3), shade(body, 0.8), radius=1)


def wall_clock(c: Canvas, body: str, detail: str) -> None:
    c.circle((50, 50), 38, body)
    c.circle((50, 50), 32, "#fbf8f2")
    for hour in range(12):
        inner, outer = (25, 30) if hour % 3 else (22, 30)
        c.line(rotate([(50, 50 - inner), (50, 50 - outer)], (50, 50), hour * 30), INK, 1.2)
    c.stick((50, 50), (50, 28), INK, 2)
    c.stick((50, 50), (66, 58), INK, 2.5)
    c.line([(50, 50), (38, 74)], detail, 0.8)
    c.circle((50, 50), 2, detail)


# Stationery


def dot_grid_notebook(c: Canvas, body: str, detail: str) -> None:
    c.rect((22, 12, 78, 90), body, radius=3)
    c.rect((26, 14, 76, 88), "#fdfcf8", radius=2)
    for x in range(32, 72, 5):
        for y in range(22, 84, 5):
            c.circle((x, y), 0.7, "#a8a29e")
    c.rect((66, 12, 70, 90), INK)
    c.polygon([(44, 86), (48, 86), (48, 96), (46, 93), (44, 96)], detail)


def fountain_pen(c: Canvas, body: str, detail: str) -> None:
    c.bar((20, 80), (62, 38), 10, body)
    c.bar((58, 42), (70, 30), 8.5, shade(body, 0.8))
    c.bar((26, 74), (30, 70), 10.5, detail)
    c.polygon([(67, 28), (86, 14), (72, 33)], detail)
    c.line([(72, 28), (82, 18)], INK, 0.5)
    c.stick((34, 76), (52, 58), detail, 1.5)


def ink_bottle(c: Canvas, body: str, detail: str) -> None:
    c.rect((24, 40, 76, 86), shade(body, 0.7), radius=6)
    c.rect((28, 52, 72, 84), body, radius=5)
    c.rect((38, 30, 62, 42), shade(body, 0.55))
    c.rect((36, 16, 64, 32), INK, radius=3)
    c.rect((30, 44, 34, 80), shade(body, 1.6), radius=2)
    c.polygon([(84, 66), (88, 76), (84, 80), (80, 76)], body)
    c.circle((84, 76), 4, body)
    c.ellipse((70, 86, 92, 90), detail)


def desk_planner(c: Canvas, body: str, detail: str) -> None:
    c.rect((18, 20, 82, 88), body, radius=3)
    c.rect((22, 24, 78, 84), "#fdfcf8")
    for y in (32, 39.5, 47, 54.5, 62, 69.5, 77):
        c.line([(26, y), (74, y)], shade(body, 1.5), 0.5)
    for x in range(24, 80, 6):
        c.ellipse((x, 14, x + 4, 24), outline=STEEL, width=1.2)
    for n, color in enumerate((detail, shade(detail, 1.3), shade(detail, 0.8))):
        c.rect((80, 30 + n * 14, 86, 40 + n * 14), color, radius=1.5)


def pencil_sharpener(c: Canvas, body: str, detail: str) -> None:
    c.rect((26, 38, 70, 76), body, radius=4)
    c.rect((26, 38, 70, 44), shade(body, 1.25), radius=3)
    c.circle((44, 58), 9, shade(body, 0.55))
    c.circle((44, 58), 4, INK)
    c.rect((56, 48, 68, 70), STEEL, radius=1)
    c.circle((62, 59), 1.5, shade(STEEL, 0.6))
    for n, x in enumerate((72, 82)):
        c.arc((x, 72 + n * 4, x + 12, 84 + n * 4), 0, 300, detail, 1.5)


def graphite_pencils(c: Canvas, body: str, detail: str) -> None:
    colors = (body, shade(body, 0.8), shade(body, 1.2), detail, shade(detail, 0.8))
    for n, color in enumerate(colors):
        degrees = -30 + n * 15
        start, end, tip = rotate([(50, 88), (50, 30), (50, 18)], (50, 88), degrees)
        c.bar(start, end, 7, color)
        c.polygon([*rotate([(46.5, 30), (53.5, 30)], (50, 88), degrees), tip], "#ecc48c")
        c.polygon([*rotate([(48.6, 22), (51.4, 22)], (50, 88), degrees), tip], INK)


def leather_pen_case(c: Canvas, body: str, detail: str) -> None:
    for x, color in ((36, "#2c4a7a"), (48, INK), (60, "#8b2f2f")):
        c.rect((x, 16, x + 8, 40), color, radius=2)
        c.rect((x + 3, 12, x + 5, 30), STEEL)
    c.rect((20, 32, 80, 86), body, radius=6)
    c.rect((24, 36, 76, 82), outline=detail, fill=body, radius=4, width=0.6)
    c.rect((20, 32, 80, 46), shade(body, 0.85), radius=6)
    c.circle((50, 44), 2.5, detail)


def washi_tape(c: Canvas, body: str, detail: str) -> None:
    colors = (body, detail, "#f2b5c4", "#9fd3c7", "#f5d76e", "#b5a8e0")
    for n, color in enumerate(colors):
        x, y = 28 + (n % 3) * 22, 38 + (n // 3) * 26
        c.circle((x, y), 12, color)
        for dot in range(6):
            c.circle(rotate([(x, y - 9)], (x, y), dot * 60)[0], 1.2, shade(color, 0.75))
        c.circle((x, y), 6, "#f3efe7")
    c.polygon([(74, 60), (92, 74), (86, 82), (68, 68)], body)


# Garden


def terracotta_pot(c: Canvas, body: str, detail: str) -> None:
    c.ellipse((18, 80, 82, 90), shade(body, 0.8))
    c.polygon([(26, 36), (74, 36), (66, 84), (34, 84)], body)
    c.rect((22, 28, 78, 40), shade(body, 1.1), radius=2)
    c.ellipse((26, 26, 74, 32), detail)


def seed_packets(c: Canvas, body: str, detail: str) -> None:
    for n, (degrees, plant) in enumerate(((-12, "#4f8f3a"), (0, "#6aa84f"), (12, "#3f7a5e"))):
        x = 28 + n * 18
        c.polygon(rotate([(x - 14, 22), (x + 14, 22), (x + 14, 74), (x - 14, 74)], (x, 48), degrees), body)
        c.polygon(rotate([(x - 14, 22), (x + 14, 22), (x + 14, 30), (x - 14, 30)], (x, 48), degrees), detail)
        for leaf_offset, leaf_degrees in ((-5, -40), (5, 40)):
            leaf(c, rotate([(x + leaf_offset, 46)], (x, 48), degrees)[0], 6, leaf_degrees + degrees, plant)
        c.line(rotate([(x, 62), (x, 46)], (x, 48), degrees), plant, 1.2)
    for x, y in ((30, 86), (46, 84), (60, 88), (72, 85)):
        c.oval((x, y), 1.6, 1, 30, "#6b4a2b")


def pruning_shears(c: Canvas, body: str, detail: str) -> None:
    c.polygon([(52, 50), (80, 86), (72, 90), (46, 56)], body)
    c.polygon([(48, 50), (22, 86), (30, 90), (54, 56)], shade(body, 0.85))
    c.polygon([(50, 52), (36, 26), (40, 10), (54, 40)], STEEL)
    c.polygon([(50, 52), (62, 24), (58, 12), (46, 40)], shade(STEEL, 0.85))
    c.circle((50, 50), 4, detail)


def watering_can(c: Canvas, body: str, detail: str) -> None:
    c.bar((36, 64), (12, 30), 5, shade(body, 0.85))
    c.oval((11, 28), 5, 7, 50, detail)
    c.arc((40, 18, 84, 62), 200, 360, shade(body, 0.8), 3.5)
    c.rect((32, 40, 78, 86), body, radius=4)
    c.ellipse((32, 36, 78, 46), shade(body, 1.2))
    for y in (54, 70):
        c.line([(32, y), (78, y)], shade(body, 0.85), 1)


def garden_gloves(c: Canvas, body: str, detail: str) -> None:
    for offset, degrees in ((-14, -14), (14, 12)):
        x = 50 + offset
        shapes = [((x - 12, 40), (x - 12, 26)), ((x - 4, 38), (x - 4, 18)), ((x + 4, 38), (x + 4, 18)),
                  ((x + 12, 40), (x + 12, 26)), ((x - 16, 60), (x - 24, 46))]  # fmt: skip
        for start, end in shapes:
            turned_start, turned_end = rotate([start, end], (x, 60), degrees)
            c.stick(turned_start, turned_end, detail, 7.5)
        c.polygon(rotate([(x - 16, 36), (x + 16, 36), (x + 14, 76), (x - 14, 76)], (x, 60), degrees), detail)
        c.polygon(rotate([(x - 14, 72), (x + 14, 72), (x + 15, 88), (x - 15, 88)], (x, 60), degrees), body)


def raised_bed(c: Canvas, body: str, detail: str) -> None:
    c.polygon([(14, 54), (30, 40), (86, 40), (70, 54)], "#5a3d26")
    for x, size in ((30, 8), (44, 10), (58, 8), (72, 9)):
        leaf(c, (x - 3, 40), size, -60, detail)
        leaf(c, (x + 3, 40), size, 60, shade(detail, 0.85))
    c.polygon([(70, 54), (86, 40), (86, 70), (70, 86)], shade(body, 0.8))
    c.rect((14, 54, 70, 86), body)
    for y in (62, 70, 78):
        c.line([(14, y), (70, y)], shade(body, 0.8), 0.8)


def bird_feeder(c: Canvas, body: str, detail: str) -> None:
    c.line([(50, 4), (50, 24)], "#6b5538", 1)
    c.rect((30, 36, 70, 72), body)
    c.polygon([(50, 16), (78, 40), (22, 40)], detail)
    c.circle((50, 52), 6, shade(body, 0.45))
    c.rect((26, 72, 74, 78), shade(body, 0.8), radius=1)
    for x in range(30, 72, 4):
        c.circle((x, 71), 1.2, "#e3c77a")
    c.stick((74, 75), (88, 75), "#6b5538", 1.5)
    c.ellipse((72, 58, 90, 72), "#c2532f")
    c.circle((86, 60), 5, "#c2532f")
    c.polygon([(90, 59), (95, 61), (90, 63)], "#f2b13c")
    c.circle((87, 59), 1, INK)
    c.polygon([(73, 66), (64, 70), (74, 70)], "#7b3420")


def compost_bin(c: Canvas, body: str, detail: str) -> None:
    c.polygon([(30, 24), (70, 24), (80, 88), (20, 88)], body)
    c.chord((26, 14, 74, 34), 180, 360, shade(body, 1.2))
    c.rect((46, 16, 54, 20), detail, radius=1)
    c.rect((36, 68, 64, 84), shade(body, 0.8), radius=2)
    c.rect((46, 74, 54, 77), detail, radius=1)
    for y in (36, 44, 52):
        c.line([(40, y), (60, y)], shade(body, 0.7), 1.5)


@dataclass(frozen=True)
class Picture:
    """Which drawing a product gets, in which colours; `garnish` names what lies beside a tea tin."""

    draw: Callable[..., None]
    body: str
    detail: str
    garnish: str = ""

    def draw_on(self, canvas: Canvas) -> None:
        if self.garnish:
            self.draw(canvas, self.body, self.detail, self.garnish)
        else:
            self.draw(canvas, self.body, self.detail)


PICTURES: dict[str, Picture] = {
    # Coffee
    "Ethiopia Yirgacheffe Beans 250 g": Picture(bean_bag, "#d9b98c", "#e5a93b"),
    "Colombia Huila Beans 1 kg": Picture(bean_bag, "#8c5a3c", "#f2e3c6"),
    "Decaf Swiss Water Beans 250 g": Picture(bean_bag, "#2f6f8f", "#8fd0e8"),
    "Stoneware Espresso Cup": Picture(espresso_cup, "#e9e4dc", "#7a4a2a"),
    "Pour-over Dripper": Picture(dripper, "#f4f1ec", "#6b3d22"),
    "Paper Filters (100)": Picture(paper_filters, "#d8c3a0", "#b59a72"),
    "Hand Grinder": Picture(hand_grinder, "#3f3f46", "#9a6b3f"),
    "Cold Brew Bottle 1 L": Picture(cold_brew_bottle, "#2b2b2b", "#5b3320"),
    # Tea
    "Sencha Green Tea 100 g": Picture(tea_tin, "#3f7d4e", "#cfe8c0", "green leaves"),
    "Assam Breakfast 250 g": Picture(tea_tin, "#7a2e1f", "#e9c98f", "cup with milk"),
    "Chamomile Flowers 80 g": Picture(tea_tin, "#e2b93b", "#fff4cc", "chamomile"),
    "Earl Grey Supreme 100 g": Picture(tea_tin, "#243b6b", "#c9d5f0", "cornflower"),
    "Cast Iron Teapot 0.8 L": Picture(cast_iron_teapot, "#2f3436", "#b08d57"),
    "Glass Tea Infuser Mug": Picture(infuser_mug, "#6b4a2b", "#d98b3a"),
    "Matcha Whisk Set": Picture(matcha_set, "#4a4440", "#8fbf3f"),
    "Rooibos Vanilla 100 g": Picture(tea_tin, "#b5452b", "#f5dfc4", "vanilla"),
    # Kitchen
    "Carbon Steel Pan 28 cm": Picture(frying_pan, "#3a3a3c", "#b9c0c7"),
    "Chef's Knife 20 cm": Picture(chefs_knife, "#2a2a2a", "#c9ccd1"),
    "Olive Wood Cutting Board": Picture(cutting_board, "#d4a86a", "#8a5a2b"),
    "Linen Tea Towels (2)": Picture(tea_towels, "#efe6d6", "#c0392b"),
    "Enamel Dutch Oven 4 L": Picture(dutch_oven, "#d0452c", "#3a3a3a"),
    "Wooden Spoon Set (3)": Picture(wooden_spoons, "#d9a86c", "#b08252"),
    "Glass Storage Jars (4)": Picture(storage_jars, "#c49a5c", "#8a7a66"),
    "Digital Kitchen Scale": Picture(kitchen_scale, "#f1f1f1", "#5ad17a"),
    # Home
    "Soy Candle Fig & Cedar": Picture(jar_candle, "#f3ece0", "#7b2d4f"),
    "Wool Throw Blanket": Picture(throw_blanket, "#8e9aaf", "#6c7891"),
    "Ceramic Bud Vase": Picture(bud_vase, "#e7dccd", "#e56b8a"),
    "Linen Cushion Cover": Picture(cushion, "#c9b79c", "#a08c70"),
    "Brass Table Lamp": Picture(table_lamp, "#c9a227", "#f1e6cf"),
    "Scented Reed Diffuser": Picture(reed_diffuser, "#6f8f7a", "#e9efe6"),
    "Woven Storage Basket": Picture(woven_basket, "#c8a46e", "#9fb8c9"),
    "Wall Clock Oak": Picture(wall_clock, "#b5835a", "#c0392b"),
    # Stationery
    "Dot Grid Notebook A5": Picture(dot_grid_notebook, "#1f3a5f", "#e0a030"),
    "Fountain Pen Fine Nib": Picture(fountain_pen, "#1d4e89", "#d4af37"),
    "Bottled Ink Midnight Blue": Picture(ink_bottle, "#1b2f6b", "#3b5bb5"),
    "Weekly Desk Planner": Picture(desk_planner, "#2f7d6d", "#f0a04b"),
    "Brass Pencil Sharpener": Picture(pencil_sharpener, "#c9a227", "#d9b27c"),
    "Graphite Pencils (12)": Picture(graphite_pencils, "#3b3b3b", "#2e6b4f"),
    "Leather Pen Case": Picture(leather_pen_case, "#9b5b32", "#f1d9b5"),
    "Washi Tape Set (6)": Picture(washi_tape, "#e87a5d", "#5d8ae8"),
    # Garden
    "Terracotta Pot 20 cm": Picture(terracotta_pot, "#c8643c", "#5a3d26"),
    "Herb Seed Collection": Picture(seed_packets, "#f3e9d2", "#d9863b"),
    "Pruning Shears": Picture(pruning_shears, "#c0392b", "#f2c12e"),
    "Watering Can 5 L": Picture(watering_can, "#a9b3ba", "#c9a227"),
    "Garden Gloves": Picture(garden_gloves, "#4f6d3a", "#e5d3b3"),
    "Raised Bed Kit": Picture(raised_bed, "#c98f55", "#5e9c3a"),
    "Bird Feeder": Picture(bird_feeder, "#b07a4f", "#c46d3b"),
    "Compost Bin 300 L": Picture(compost_bin, "#2f4f3a", "#7aa35a"),
}


def _background(top: str, bottom: str, size: int) -> Image.Image:
    """A vertical gradient from `top` to `bottom`."""
    return ImageOps.colorize(Image.linear_gradient("L"), top, bottom).resize((size, size), Image.Resampling.NEAREST)


def draw_product_picture(*, name: str, background: str) -> bytes:
    """The demo product's picture as a JPEG: its drawing on a soft gradient of the category's colour."""
    size = IMAGE_SIZE * SUPERSAMPLE
    image = _background(shade(background, 1.75), shade(background, 1.35), size)
    canvas = Canvas(ImageDraw.Draw(image))
    canvas.ellipse((14, 86, 86, 96), shade(background, 1.15))
    PICTURES[name].draw_on(canvas)
    buffer = io.BytesIO()
    image.reduce(SUPERSAMPLE).save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()
