"""Product pictures: sized WebP variants in srcset, made once, served with long cache lifetimes."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from store.templatetags import pictures
from store.templatetags.pictures import drawn_pictures, product_picture
from tests.factories import CartItemFactory, ProductFactory, UserFactory

from .conftest import image_tags, png, srcset_widths

pytestmark = pytest.mark.django_db

HOME = reverse("store:product_list")


@pytest.fixture
def product_with_picture():
    return ProductFactory(
        name="Terracotta Pot", image=SimpleUploadedFile("pot.png", png(800), content_type="image/png")
    )


def test_product_card_offers_webp_variants_at_three_widths_with_its_size_reserved(client, product_with_picture):
    (img,) = image_tags(client.get(HOME).content.decode())

    variants = srcset_widths(img)
    assert sorted(variants) == [200, 400, 600]
    assert all(url.endswith(".webp") for url in variants.values())
    assert img["src"] == variants[400]
    assert (img["width"], img["height"]) == ("400", "400")
    assert img["sizes"].endswith(", 50vw")  # two cards a row on phones


def test_card_picture_is_decorative_and_its_link_hidden_so_the_name_is_read_once(client, product_with_picture):
    html = client.get(HOME).content.decode()

    (img,) = image_tags(html)
    assert img["alt"] == ""
    picture_link = re.search(r'<a href="/products/[^"]+/"[^>]*aria-hidden="true"[^>]*>\s*<img', html)
    assert picture_link
    assert 'tabindex="-1"' in picture_link.group(0)


def test_each_variant_is_a_webp_file_of_its_width_served_for_a_year(client, product_with_picture):
    (img,) = image_tags(client.get(HOME).content.decode())

    for width, url in srcset_widths(img).items():
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/webp"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as variant:
            assert (variant.format, variant.size) == ("WEBP", (width, width))


def test_variants_are_made_once_and_reused(client, settings, product_with_picture):
    client.get(HOME)
    thumbnails = settings.MEDIA_ROOT / settings.THUMBNAIL_PREFIX
    made = {path: path.stat().st_mtime_ns for path in thumbnails.rglob("*.webp")}
    drawn_pictures.clear()  # as after a restart: sorl-thumbnail finds the variants it made

    (img,) = image_tags(client.get(HOME).content.decode())

    assert {path: path.stat().st_mtime_ns for path in thumbnails.rglob("*.webp")} == made
    assert all(url.rsplit("/", 1)[1] in {path.name for path in made} for url in srcset_widths(img).values())


def test_product_page_offers_larger_variants_and_names_the_picture(client, product_with_picture):
    (img,) = image_tags(client.get(product_with_picture.get_absolute_url()).content.decode())

    assert sorted(srcset_widths(img)) == [400, 600, 800]
    assert (img["width"], img["height"], img["alt"]) == ("600", "600", "Terracotta Pot")


def test_a_small_upload_is_never_enlarged(client):
    ProductFactory(image=SimpleUploadedFile("small.png", png(300), content_type="image/png"))

    (img,) = image_tags(client.get(HOME).content.decode())

    assert max(srcset_widths(img)) == 300


def test_a_product_without_a_picture_says_so(client):
    product = ProductFactory(image="")

    for page in (HOME, product.get_absolute_url()):
        html = client.get(page).content.decode()
        assert "No picture yet" in html
        assert image_tags(html) == []


def test_the_uploaded_picture_itself_is_cached_for_a_day(client, product_with_picture):
    response = client.get(product_with_picture.image.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_picture_whose_file_is_missing_leaves_the_page_working(client):
    ProductFactory(name="Lost Picture", image="products/gone.png")

    response = client.get(HOME)

    assert response.status_code == 200
    assert "Lost Picture" in response.content.decode()
    assert image_tags(response.content.decode()) == []


def test_a_picture_whose_file_turns_up_later_is_shown_then(client, settings):
    ProductFactory(name="Late Picture", image="products/late.png")
    assert image_tags(client.get(HOME).content.decode()) == []

    (settings.MEDIA_ROOT / "products").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "products" / "late.png").write_bytes(png(400))

    (img,) = image_tags(client.get(HOME).content.decode())
    assert sorted(srcset_widths(img)) == [200, 400]


def test_a_whole_catalog_of_variants_is_looked_up_without_a_query_once_made():
    products = [
        ProductFactory(image=SimpleUploadedFile(f"p{n}.png", png(40), content_type="image/png")) for n in range(110)
    ]
    for product in products:
        product_picture(product.image, "card")  # makes 330 variants: more than the in-memory cache's default 300
    drawn_pictures.clear()  # as in another process: each variant is looked up in sorl-thumbnail's cache

    with CaptureQueriesContext(connection) as captured:
        for product in products:
            product_picture(product.image, "card")

    assert [query["sql"] for query in captured.captured_queries] == []


def test_cart_and_mini_cart_lines_show_one_small_variant_at_twice_their_size(client, product_with_picture):
    user = UserFactory()
    CartItemFactory(cart__user=user, product=product_with_picture)
    client.force_login(user)

    (cart_line_img,) = image_tags(client.get(reverse("cart:detail")).content.decode())
    (mini_cart_img,) = image_tags(client.get(reverse("cart:mini"), headers={"HX-Request": "true"}).content.decode())

    for img, width in ((cart_line_img, 96), (mini_cart_img, 56)):
        assert "srcset" not in img
        assert (img["width"], img["height"], img["alt"]) == (str(width), str(width), "")
        response = client.get(img["src"])
        assert response.headers["Content-Type"] == "image/webp"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as variant:
            assert variant.size == (2 * width, 2 * width)


@pytest.fixture
def variant_lookups(monkeypatch) -> list[str]:
    """The pictures sorl-thumbnail is asked for (each call finds or makes one variant)."""
    asked: list[str] = []
    get_thumbnail = pictures.get_thumbnail

    def counted(name, geometry, **options):
        asked.append(name)
        return get_thumbnail(name, geometry, **options)

    monkeypatch.setattr(pictures, "get_thumbnail", counted)
    return asked


def test_a_picture_drawn_again_asks_sorl_thumbnail_nothing_until_the_memo_is_cleared(
    product_with_picture, variant_lookups
):
    first = product_picture(product_with_picture.image, "card")
    assert len(variant_lookups) == 3  # one per width in srcset

    assert product_picture(product_with_picture.image, "card") == first
    assert len(variant_lookups) == 3

    drawn_pictures.clear()
    assert product_picture(product_with_picture.image, "card") == first
    assert len(variant_lookups) == 6


def test_a_missing_picture_is_not_remembered(variant_lookups):
    product = ProductFactory(image="products/gone.png")

    assert product_picture(product.image, "card") == product_picture(product.image, "card") == ""

    assert len(variant_lookups) == 6  # looked for twice: the second time it may have turned up
