"""Fixtures and helpers that several store test modules share."""

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from tests.factories import CategoryFactory, ProductFactory


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """A media folder of this test's own, so image files from other tests cannot hide a bug."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def thirty_products():
    """Product 01 … Product 30: three pages of twelve, the last one short.

    In one category with no digits in its name: a search for "07" then matches one product's name only.
    """
    shelf = CategoryFactory(name="Shelf", slug="shelf")
    return [ProductFactory(name=f"Product {n:02}", category=shelf) for n in range(1, 31)]


def png(size: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "#c8643c").save(buffer, format="PNG")
    return buffer.getvalue()


def image_tags(html: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", html)]


def srcset_widths(img: dict[str, str]) -> dict[int, str]:
    return {int(width): url for url, width in re.findall(r"(\S+) (\d+)w", img["srcset"])}


def pages(category_slug: str, product_slug: str) -> dict[str, tuple[str, dict]]:
    """The catalog's kinds of page, the shop's and the admin's, by name: what the statement budgets cover."""
    home = reverse("store:product_list")
    products_admin = reverse("admin:store_product_changelist")
    return {
        "home": (home, {}),
        "category": (home, {"category": category_slug}),
        "price": (home, {"sort": "price"}),
        "-price": (home, {"sort": "-price"}),
        "newest": (home, {"sort": "newest"}),
        "search one word": (home, {"q": "teapot"}),
        "search two words": (home, {"q": "oak teapot"}),
        "typo": (home, {"q": "grnder"}),
        "page 2": (home, {"page": 2}),
        "deep page": (home, {"page": 2000}),
        "product": (reverse("store:product_detail", args=[product_slug]), {}),
        "admin list": (products_admin, {}),
        "admin search": (products_admin, {"q": "oak teapot"}),
    }
