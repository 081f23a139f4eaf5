import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

HOME = reverse("store:product_list")
NOT_FOUND_TEXT = "We couldn’t find that page"


def listed_names(response) -> list[str]:
    return [product.name for product in response.context["page"].object_list]


# The list


@pytest.mark.usefixtures("thirty_products")
def test_home_lists_twelve_products_per_page(client):
    response = client.get(HOME)

    assert response.status_code == 200
    assert listed_names(response) == [f"Product {n:02}" for n in range(1, 13)]
    assert response.content.decode().count('data-testid="product-card"') == 12
    assert "30 products" in response.content.decode()
    assert "Page 1 of 3" in response.content.decode()


@pytest.mark.usefixtures("thirty_products")
def test_last_page_holds_the_rest(client):
    response = client.get(HOME, {"page": 3})

    assert listed_names(response) == [f"Product {n:02}" for n in range(25, 31)]
    html = response.content.decode()
    assert 'rel="prev"' in html
    assert 'rel="next"' not in html


@pytest.mark.usefixtures("thirty_products")
@pytest.mark.parametrize(("page", "shown"), [("99", 3), ("0", 3), ("-1", 3), ("two", 1), ("", 1)])
def test_out_of_range_or_garbled_page_numbers_still_show_a_page(client, page, shown):
    response = client.get(HOME, {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == shown


@pytest.mark.usefixtures("thirty_products")
@pytest.mark.parametrize(("page", "shown"), [("۲", 2), ("٣", 3), ("۰3", 3)])
def test_page_numbers_typed_in_persian_or_arabic_digits(client, page, shown):
    response = client.get(HOME, {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == shown


def test_pagination_links_keep_search_category_and_sort(client):
    tea = CategoryFactory(name="Tea", slug="tea")
    for n in range(13):
        ProductFactory(name=f"Green tea {n}", category=tea)

    html = client.get(HOME, {"q": "green tea", "category": "tea", "sort": "-price"}).content.decode()

    assert 'href="?q=green%20tea&amp;category=tea&amp;sort=-price&amp;page=2"' in html


def test_search_by_name_description_or_category(client):
    tea = CategoryFactory(name="Tea", slug="tea")
    ProductFactory(name="Cast Iron Teapot", category=tea)
    ProductFactory(name="Sencha", description="Grassy Japanese green tea.", category=tea)
    ProductFactory(name="Hand Grinder", description="Steel burrs.")

    assert listed_names(client.get(HOME, {"q": "teapot"})) == ["Cast Iron Teapot"]
    assert listed_names(client.get(HOME, {"q": "japanese"})) == ["Sencha"]
    assert listed_names(client.get(HOME, {"q": "Tea"})) == ["Cast Iron Teapot", "Sencha"]
    response = client.get(HOME, {"q": "teapot"})
    assert "Results for “<bdi>teapot</bdi>”" in response.content.decode()


def test_search_without_matches_shows_the_empty_state(client):
    ProductFactory(name="Hand Grinder")

    response = client.get(HOME, {"q": "submarine"})

    assert response.status_code == 200
    assert "No products match." in response.content.decode()


def test_category_filter_shows_only_that_category_and_names_it(client):
    ProductFactory(name="Sencha", category=CategoryFactory(name="Tea", slug="tea"))
    ProductFactory(name="Hand Grinder", category=CategoryFactory(name="Coffee", slug="coffee"))

    response = client.get(HOME, {"category": "tea"})

    html = response.content.decode()
    assert listed_names(response) == ["Sencha"]
    assert ">Tea</h1>" in html
    assert "<title>Tea — " in html


def test_unknown_category_shows_the_empty_state(client):
    ProductFactory(name="Hand Grinder")

    response = client.get(HOME, {"category": "does-not-exist"})

    assert response.status_code == 200
    assert listed_names(response) == []
    assert "No products match." in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price", ["Spoon", "Kettle", "Grinder"]),
        ("-price", ["Grinder", "Kettle", "Spoon"]),
        ("name", ["Grinder", "Kettle", "Spoon"]),
    ],
)
def test_sort_orders_the_list(client, sort, expected):
    ProductFactory(name="Kettle", price=Decimal("30.00"))
    ProductFactory(name="Spoon", price=Decimal("4.50"))
    ProductFactory(name="Grinder", price=Decimal("79.00"))

    assert listed_names(client.get(HOME, {"sort": sort})) == expected


def test_newest_sort_shows_the_latest_product_first(client):
    ProductFactory(name="First arrival")
    ProductFactory(name="Second arrival")
    ProductFactory(name="Latest arrival")

    assert listed_names(client.get(HOME, {"sort": "newest"})) == ["Latest arrival", "Second arrival", "First arrival"]


def test_invalid_sort_falls_back_to_name(client):
    ProductFactory(name="Kettle", price=Decimal("30.00"))
    ProductFactory(name="Grinder", price=Decimal("79.00"))

    response = client.get(HOME, {"sort": "price; DROP TABLE"})

    assert response.status_code == 200
    assert listed_names(response) == ["Grinder", "Kettle"]
    assert '<option value="name" selected>' in response.content.decode()


def test_inactive_products_are_never_listed(client):
    ProductFactory(name="On the shelf")
    ProductFactory(name="Retired teapot", is_active=False)

    for params in ({}, {"q": "teapot"}, {"sort": "newest"}):
        response = client.get(HOME, params)
        assert "Retired teapot" not in response.content.decode()


def test_out_of_stock_products_are_listed_without_an_add_button(client):
    ProductFactory(name="Sold out kettle", stock=0)

    html = client.get(HOME).content.decode()

    assert "Sold out kettle" in html
    assert "Out of stock" in html
    assert "Add to cart" not in html


@pytest.mark.usefixtures("thirty_products")
def test_htmx_request_gets_only_the_results_fragment(client):
    response = client.get(HOME, {"page": 2}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "Product 13" in html
    assert "HX-Request" in response["Vary"]


def test_full_page_also_varies_on_htmx_header(client):
    """A cache in between must not hand a fragment to a full page load, or the reverse."""
    response = client.get(HOME)

    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_posting_to_the_list_is_not_allowed(client):
    assert client.post(HOME).status_code == 405


def test_head_request_is_answered(client):
    """Uptime monitors and link checkers ask with HEAD."""
    response = client.head(HOME)

    assert response.status_code == 200
    assert response.content == b""


# The detail page


def test_detail_shows_price_and_an_add_to_cart_form(client):
    product = ProductFactory(name="Hand Grinder", price=Decimal("79.00"), stock=20, description="Steel burrs.")

    response = client.get(product.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html
    assert "Hand Grinder" in html
    assert "$79.00" in html
    assert "Steel burrs." in html
    assert f'action="{reverse("cart:add", args=[product.pk])}"' in html
    assert "Add to cart" in html
    assert "In stock" in html


def test_detail_warns_when_few_are_left(client):
    product = ProductFactory(stock=3)

    assert "Only 3 left" in client.get(product.get_absolute_url()).content.decode()


def test_detail_of_sold_out_product_says_so_and_offers_no_add_button(client):
    product = ProductFactory(stock=0)

    response = client.get(product.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Out of stock" in html
    assert "Add to cart" not in html


@pytest.mark.parametrize("slug", ["retired-teapot", "never-existed"])
def test_inactive_or_unknown_product_gives_the_styled_404(client, slug):
    ProductFactory(slug="retired-teapot", is_active=False)

    response = client.get(reverse("store:product_detail", kwargs={"slug": slug}))

    assert response.status_code == 404
    html = response.content.decode()
    assert NOT_FOUND_TEXT in html
    assert "Back to the shop" in html
    assert "<html" in html


def test_unknown_address_gives_the_styled_404(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert NOT_FOUND_TEXT in response.content.decode()


def test_posting_to_a_product_page_is_not_allowed(client):
    product = ProductFactory()

    assert client.post(product.get_absolute_url()).status_code == 405


def test_detail_shows_other_products_from_its_category(client):
    tea = CategoryFactory(name="Tea", slug="tea")
    teapot = ProductFactory(name="Cast Iron Teapot", category=tea)
    ProductFactory(name="Sencha", category=tea)
    ProductFactory(name="Retired Oolong", category=tea, is_active=False)
    ProductFactory(name="Chef's Knife")

    html = client.get(teapot.get_absolute_url()).content.decode()

    assert ">More from Tea</h2>" in html
    assert re.findall(r'<h2 id="product-\d+-name"[^>]*><a [^>]*><bdi>([^<]+)</bdi></a>', html) == ["Sencha"]


def test_detail_without_other_products_in_its_category_shows_no_empty_section(client):
    product = ProductFactory(name="Only Child")

    assert "More from" not in client.get(product.get_absolute_url()).content.decode()


def current_nav_links(page: str) -> list[str]:
    return re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', page)


def test_category_nav_marks_only_the_current_place(client):
    tea = CategoryFactory(name="Tea", slug="tea")
    product = ProductFactory(category=tea)

    assert current_nav_links(client.get(reverse("store:product_list")).content.decode()) == ["All products"]
    assert current_nav_links(client.get(reverse("store:product_list"), {"category": "tea"}).content.decode()) == ["Tea"]
    assert current_nav_links(client.get(product.get_absolute_url()).content.decode()) == ["Tea"]


def test_the_list_reads_the_categories_once_for_its_filter_and_the_nav(client):
    CategoryFactory(name="Tea", slug="tea")

    with CaptureQueriesContext(connection) as captured:
        html = client.get(HOME).content.decode()

    assert len([query for query in captured.captured_queries if 'FROM "store_category"' in query["sql"]]) == 1
    assert html.count(">Tea</") == 2  # an option of the filter and a link of the nav


# In Persian


def get_in(language: str, client, url: str, params: dict | None = None):
    # The browser's language decides where LocaleMiddleware reads it; the override, where not.
    with translation.override(language):
        return client.get(url, params or {}, headers={"accept-language": language})


def test_one_product_link_opens_the_product_in_either_language(client):
    tea = CategoryFactory(name_en="Tea", name_fa="چای", slug="tea")
    ProductFactory(
        name_en="Cast Iron Teapot",
        name_fa="قوری چدنی",
        description_en="Keeps tea hot.",
        description_fa="چای را گرم نگه می‌دارد.",
        slug="cast-iron-teapot",
        category=tea,
    )
    url = reverse("store:product_detail", kwargs={"slug": "cast-iron-teapot"})

    in_persian = get_in("fa", client, url).content.decode()
    in_english = get_in("en", client, url).content.decode()

    assert "قوری چدنی" in in_persian
    assert "چای را گرم نگه می‌دارد." in in_persian
    assert "Cast Iron Teapot" not in in_persian
    assert "Cast Iron Teapot" in in_english
    assert "قوری چدنی" not in in_english


def test_the_list_in_persian_shows_persian_names_and_english_ones_where_persian_is_missing(client):
    ProductFactory(name_en="Hand Grinder", name_fa="آسیاب دستی")
    ProductFactory(name_en="Pour-over Dripper", name_fa=None)

    response = get_in("fa", client, HOME, {"q": "آسیاب"})
    with translation.override("fa"):
        assert listed_names(response) == ["آسیاب دستی"]
        assert listed_names(get_in("fa", client, HOME)) == ["آسیاب دستی", "Pour-over Dripper"]
