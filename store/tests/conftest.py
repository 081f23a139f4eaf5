from pathlib import Path

import pytest

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
