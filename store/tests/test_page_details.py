"""What browsers and search engines read besides the page itself: the icon, the description, the compression."""

import gzip
import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from PIL import Image

from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

HOME = reverse("store:product_list")


def meta_description(html: str) -> str:
    (description,) = re.findall(r'<meta name="description" content="([^"]*)">', html)
    return description


def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as icon:
        assert icon.format == "ICO"
        assert (32, 32) in icon.info["sizes"]


def test_every_page_links_the_svg_icon_and_it_is_there(client):
    html = client.get(reverse("account_login")).content.decode()

    (icon_url,) = re.findall(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    # Tests run without DEBUG, so static files are not served here; config/tests/test_production.py fetches it.
    assert icon_url == static("favicon.svg")
    assert finders.find("favicon.svg")


def test_pages_without_their_own_description_describe_the_shop(client):
    for page in (HOME, reverse("account_login"), reverse("account_signup")):
        assert meta_description(client.get(page).content.decode()).startswith("Shop Corner Store online")


def test_a_category_page_describes_the_category(client):
    tea = CategoryFactory(name="Tea", slug="tea")
    ProductFactory(category=tea)
    ProductFactory(category=tea)

    html = client.get(HOME, {"category": "tea"}).content.decode()

    assert meta_description(html) == "Tea at Corner Store: browse the products and order online."


def test_a_product_page_is_described_by_the_start_of_its_description(client):
    product = ProductFactory(description="Steel burrs with 40 click settings. " * 10)

    description = meta_description(client.get(product.get_absolute_url()).content.decode())

    assert description.startswith("Steel burrs with 40 click settings. Steel burrs")
    assert len(description) == 160
    assert description.endswith("…")


def test_pages_are_sent_compressed_to_browsers_that_accept_it(client):
    response = client.get(HOME, headers={"Accept-Encoding": "gzip, br"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<html" in gzip.decompress(response.content)


def test_pictures_are_not_compressed_twice(client, settings):
    picture = settings.MEDIA_ROOT / "products" / "already-compressed.jpg"
    picture.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 64), "#c8643c").save(picture)

    response = client.get(f"/media/products/{picture.name}", headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
