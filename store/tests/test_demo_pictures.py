import io
from itertools import combinations

import pytest
from PIL import Image, ImageChops, ImageStat

from store.demo_catalog import CATEGORIES
from store.demo_pictures import IMAGE_SIZE, PICTURES, draw_product_picture

DEMO_PRODUCTS = [(name, category.background) for category in CATEGORIES for name, *_ in category.products]


def test_every_demo_product_has_a_drawing_and_every_drawing_a_product():
    assert sorted(PICTURES) == sorted(name for name, _ in DEMO_PRODUCTS)


@pytest.fixture(scope="module")
def thumbnails() -> dict[str, Image.Image]:
    """Every demo picture at 64 px: what tells two pictures apart at a glance."""
    pictures = {}
    for name, background in DEMO_PRODUCTS:
        with Image.open(io.BytesIO(draw_product_picture(name=name, background=background))) as picture:
            assert picture.size == (IMAGE_SIZE, IMAGE_SIZE)
            pictures[name] = picture.convert("RGB").resize((64, 64))
    return pictures


def test_no_two_demo_pictures_look_alike(thumbnails):
    too_alike = []
    for (name, picture), (other_name, other_picture) in combinations(thumbnails.items(), 2):
        # Mean difference per channel on 0–255: a changed colour or a different object moves it well past 3.
        difference = sum(ImageStat.Stat(ImageChops.difference(picture, other_picture)).mean) / 3
        if difference < 3:
            too_alike.append((name, other_name, round(difference, 1)))

    assert too_alike == []
