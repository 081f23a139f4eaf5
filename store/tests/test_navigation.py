"""The category bar every page shows: kept in the cache per language and current category, and never stale."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

HOME = reverse("store:product_list")


def category_bar(html: str) -> str:
    return re.search(r'<ul class="category-bar.*?</ul>', html, re.DOTALL).group(0)


def current_pills(html: str) -> list[str]:
    return re.findall(r'aria-current="page"[^>]*>([^<]+)</a>', category_bar(html))


@pytest.fixture
def tea():
    return CategoryFactory(name_en="Tea", name_fa="چای", slug="tea")


def test_a_renamed_category_shows_on_the_next_page(client, tea):
    assert "Tea" in category_bar(client.get(HOME).content.decode())

    tea.name_en = "Teas and tisanes"
    tea.save()

    assert "Teas and tisanes" in category_bar(client.get(HOME).content.decode())


def test_a_new_category_appears_and_a_deleted_one_goes(client, tea):
    client.get(HOME)

    CategoryFactory(name_en="Garden", slug="garden")
    tea.delete()

    bar = category_bar(client.get(HOME).content.decode())
    assert "Garden" in bar
    assert "Tea" not in bar


def test_each_language_has_its_own_bar(client, tea):
    assert "Tea" in category_bar(client.get(HOME).content.decode())

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    bar = category_bar(client.get(HOME).content.decode())

    assert "چای" in bar
    assert ">Tea<" not in bar


def test_each_page_marks_its_own_category(client, tea):
    CategoryFactory(name_en="Garden", slug="garden")
    product = ProductFactory(category=tea)

    for _ in range(2):  # the second time from the cache
        assert current_pills(client.get(HOME).content.decode()) == ["All products"]
        assert current_pills(client.get(f"{HOME}?category=garden").content.decode()) == ["Garden"]
        assert current_pills(client.get(product.get_absolute_url()).content.decode()) == ["Tea"]
        assert current_pills(client.get(reverse("account_login")).content.decode()) == []


def test_once_kept_the_bar_reads_no_category(client, tea):
    product = ProductFactory(category=tea)
    client.get(product.get_absolute_url())

    with CaptureQueriesContext(connection) as captured:
        html = client.get(product.get_absolute_url()).content.decode()

    assert "Tea" in category_bar(html)
    assert not [query for query in captured.captured_queries if 'FROM "store_category"' in query["sql"]]
