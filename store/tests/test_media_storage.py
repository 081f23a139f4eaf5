"""Where pictures and their variants live when more than one server runs the shop.

On a server's own disk, a variant recorded by another server (the records are shared through the database and
the cache) is made again here instead of linked broken. In an S3 bucket (moto's server on loopback), uploads and
every variant live in the bucket and are linked from it.
"""

import io
import re
import shutil
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from sorl.thumbnail import default as sorl_default
from sorl.thumbnail.images import get_or_create_storage

from config.settings.storage import media_storage
from store.templatetags.pictures import drawn_pictures
from tests.factories import ProductFactory
from tests.object_storage import bucket_keys, new_bucket, running_s3

from .conftest import image_tags, png, srcset_widths

pytestmark = pytest.mark.django_db

HOME = reverse("store:product_list")


def another_server(settings, media_root) -> None:
    """What the next page is drawn by: a process with its own memo and its own MEDIA_ROOT."""
    settings.MEDIA_ROOT = media_root
    drawn_pictures.clear()


def test_a_server_with_its_own_disk_makes_the_variants_another_server_recorded(client, settings, tmp_path):
    # A demo picture present on both servers' disks, as the seed puts it there.
    for server in ("a", "b"):
        (tmp_path / server / "products").mkdir(parents=True)
        (tmp_path / server / "products" / "pot.png").write_bytes(png(800))
    ProductFactory(name="Terracotta Pot", image="products/pot.png")
    another_server(settings, tmp_path / "a")
    (on_a,) = image_tags(client.get(HOME).content.decode())

    another_server(settings, tmp_path / "b")
    (on_b,) = image_tags(client.get(HOME).content.decode())

    assert srcset_widths(on_b) == srcset_widths(on_a)
    for url in srcset_widths(on_b).values():
        assert client.get(url).status_code == 200


def test_a_variant_whose_file_was_lost_with_the_disk_is_made_again(client, settings):
    ProductFactory(name="Terracotta Pot", image=SimpleUploadedFile("pot.png", png(800), content_type="image/png"))
    client.get(HOME)
    shutil.rmtree(settings.MEDIA_ROOT / settings.THUMBNAIL_PREFIX)

    another_server(settings, settings.MEDIA_ROOT)
    (img,) = image_tags(client.get(HOME).content.decode())

    for url in srcset_widths(img).values():
        assert client.get(url).status_code == 200


@pytest.fixture(scope="module")
def s3_endpoint():
    with running_s3() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(settings, s3_endpoint, tmp_path):
    """The shop's media in a fresh bucket, as AWS_STORAGE_BUCKET_NAME and its companions configure it."""
    variables = new_bucket(s3_endpoint)
    settings.MEDIA_ROOT = tmp_path / "media-never-used"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(variables)}
    forget_storages()
    yield variables["AWS_STORAGE_BUCKET_NAME"]
    settings.STORAGES = {**settings.STORAGES, "default": media_storage({})}
    forget_storages()


def forget_storages() -> None:
    """sorl-thumbnail keeps the storages it was first given, for the life of a process; the test changed them."""
    sorl_default.storage._setup()
    get_or_create_storage.cache_clear()


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


def test_an_upload_and_every_variant_live_in_the_bucket_and_are_linked_from_it(client, settings, s3_endpoint, bucket):
    ProductFactory(name="Terracotta Pot", image=SimpleUploadedFile("pot.png", png(800), content_type="image/png"))

    (img,) = image_tags(client.get(HOME).content.decode())

    variants = srcset_widths(img)
    assert sorted(variants) == [200, 400, 600]
    for width, url in variants.items():
        assert url.startswith(f"{s3_endpoint}/{bucket}/{settings.THUMBNAIL_PREFIX}")
        content_type, body = fetch(url)
        assert content_type == "image/webp"
        with Image.open(io.BytesIO(body)) as variant:
            assert variant.size == (width, width)
    keys = bucket_keys(s3_endpoint, bucket)
    assert "products/pot.png" in keys
    assert len([key for key in keys if key.startswith(settings.THUMBNAIL_PREFIX)]) == 3
    assert not settings.MEDIA_ROOT.exists()


def test_a_second_upload_with_a_taken_name_never_replaces_the_first(s3_endpoint, bucket):
    first = ProductFactory(image=ContentFile(png(400), name="pot.png")).image
    second = ProductFactory(image=ContentFile(png(200), name="pot.png")).image

    assert first.name == "products/pot.png"
    assert second.name != first.name
    assert re.fullmatch(r"products/pot_\w+\.png", second.name)
    with Image.open(io.BytesIO(fetch(first.url)[1])) as kept:
        assert kept.size == (400, 400)
