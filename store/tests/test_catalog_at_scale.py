"""What a shopper notices of a large catalog: counts stop at a cap, pages end there, costs do not grow."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from store.models import Category, Product
from tests.factories import ProductFactory

from .conftest import pages

pytestmark = pytest.mark.django_db

HOME = reverse("store:product_list")


def listed_names(response) -> list[str]:
    return [product.name for product in response.context["page"].object_list]


@pytest.fixture
def small_cap(monkeypatch):
    """A cap of 24 results (two pages of twelve) stands in for the shop's 1,000."""
    monkeypatch.setattr("store.views.RESULT_CAP", 24)


def test_a_thousand_and_one_products_are_shown_as_1000_plus(client):
    category = Category.objects.create(name="Things", slug="things")
    Product.objects.bulk_create(
        Product(category=category, name=f"Thing {n:04}", slug=f"thing-{n}", price=Decimal("1.00"), on_hand=1)
        for n in range(1001)
    )

    html = client.get(HOME).content.decode()

    assert "1,000+ products" in html
    assert "Page 1<" in html.replace("Page 1</span>", "Page 1<")  # no "of N": the number of pages is not known


@pytest.mark.usefixtures("small_cap", "thirty_products")
def test_past_the_cap_pages_end_at_the_cap_and_say_how_to_see_others(client):
    first = client.get(HOME)
    last = client.get(HOME, {"page": 2})

    assert "24+ products" in first.content.decode()
    assert "Page 1 of" not in first.content.decode()
    assert 'rel="next"' in first.content.decode()
    assert listed_names(last) == [f"Product {n:02}" for n in range(13, 25)]
    assert 'rel="next"' not in last.content.decode()
    assert "That was the first 24. Search or pick a category to see others." in last.content.decode()


@pytest.mark.usefixtures("small_cap", "thirty_products")
def test_a_page_beyond_the_cap_shows_the_last_page_within_it(client):
    response = client.get(HOME, {"page": 2000})

    assert response.status_code == 200
    assert response.context["page"].number == 2


@pytest.mark.usefixtures("small_cap", "thirty_products")
def test_under_the_cap_the_count_is_exact(client):
    html = client.get(HOME, {"q": "product 07"}).content.decode()

    assert "Results for “<bdi>product 07</bdi>”" in html
    assert "1 product<" in html
    assert "24+ products" not in html


@pytest.mark.usefixtures("small_cap", "thirty_products")
def test_htmx_pages_carry_the_same_plain_links(client):
    response = client.get(HOME, {"page": 1}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert 'href="?sort=name&amp;page=2"' in html
    assert "24+ products" in html


def test_with_a_query_relevance_is_offered_and_chosen_by_default(client):
    ProductFactory(name="Hand Grinder")

    html = client.get(HOME, {"q": "grinder"}).content.decode()
    plain = client.get(HOME).content.decode()

    assert '<option value="relevance" selected>Relevance</option>' in html
    assert 'value="relevance"' not in plain


def statements_per_page(client) -> dict[str, int]:
    product = Product.objects.filter(is_active=True).order_by("id").first()
    counts = {}
    for name, (url, params) in pages("tea", product.slug).items():
        client.get(url, params)  # the first view of a picture makes its sized variants, once
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.status_code == 200, name
        counts[name] = len(captured)
    return counts


@pytest.mark.usefixtures("media_root")
def test_statements_per_page_do_not_grow_with_the_catalog(admin_client):
    # Each search finds something at both sizes (an empty result skips reading a page).
    ProductFactory(name="Oak Teapot")
    ProductFactory(name="Hand Grinder")
    call_command("generate_catalog", "--products=40", verbosity=0)
    small = statements_per_page(admin_client)
    call_command("generate_catalog", "--products=1500", verbosity=0)
    large = statements_per_page(admin_client)

    assert large == small


@pytest.mark.usefixtures("small_cap")
def test_a_chosen_sort_orders_every_match_not_only_the_first_ranked_ones(client):
    for n in range(40):
        ProductFactory(name=f"Teapot {n:02}", price=Decimal(100 - n))

    response = client.get(HOME, {"q": "teapot", "sort": "price"})

    assert listed_names(response)[:3] == ["Teapot 39", "Teapot 38", "Teapot 37"]


@pytest.mark.usefixtures("small_cap")
def test_a_sorted_search_also_stops_counting_at_the_cap(client):
    for n in range(30):
        ProductFactory(name=f"Teapot {n:02}")

    html = client.get(HOME, {"q": "teapot", "sort": "name"}).content.decode()

    assert "24+ products" in html
