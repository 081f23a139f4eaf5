import datetime
import html
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from store.models import Product, StockReason
from store.pagination import EstimatedCountPaginator
from store.services import stock_adjust, stock_allocate
from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:store_product_changelist")


def changelist_names(response) -> list[str]:
    return [product.name for product in response.context["cl"].result_list]


def test_owner_sees_every_product_including_inactive_ones(admin_client):
    ProductFactory(name="Hand Grinder")
    ProductFactory(name="Retired Teapot", is_active=False)

    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert changelist_names(response) == ["Hand Grinder", "Retired Teapot"]
    page = response.content.decode()
    assert 'id="searchbar"' in page
    assert 'id="changelist-filter"' in page


def test_owner_searches_products_by_name_or_description(admin_client):
    ProductFactory(name="Hand Grinder", description="Steel burrs")
    ProductFactory(name="Sencha", description="Green tea")

    assert changelist_names(admin_client.get(CHANGELIST, {"q": "grinder"})) == ["Hand Grinder"]
    assert changelist_names(admin_client.get(CHANGELIST, {"q": "green"})) == ["Sencha"]


def test_owner_filters_by_category_and_by_active(admin_client):
    tea = CategoryFactory(name="Tea", slug="tea")
    ProductFactory(name="Sencha", category=tea)
    ProductFactory(name="Retired Teapot", category=tea, is_active=False)
    ProductFactory(name="Hand Grinder")

    by_category = admin_client.get(CHANGELIST, {"category__id__exact": tea.pk})
    inactive = admin_client.get(CHANGELIST, {"is_active__exact": "0"})

    assert changelist_names(by_category) == ["Retired Teapot", "Sencha"]
    assert changelist_names(inactive) == ["Retired Teapot"]


def changelist_edit(product: Product, **changes) -> dict:
    """The changelist form as the browser posts it for one row."""
    row = {"price": str(product.price), "is_active": "on" if product.is_active else ""}
    row.update(changes)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(product.pk),
        "_save": "Save",
    }
    data.update({f"form-0-{field}": value for field, value in row.items() if value})
    return data


def change_page_edit(product: Product, **changes) -> dict:
    """The product's change page as the browser posts it, from the product as it was loaded."""
    data = {
        "category": str(product.category_id),
        "name_en": product.name_en,
        "name_fa": product.name_fa or "",
        "slug": product.slug,
        "description_en": product.description_en,
        "description_fa": product.description_fa or "",
        "price": str(product.price),
        "is_active": "on" if product.is_active else "",
        "_save": "Save",
    }
    data.update(changes)
    return {field: value for field, value in data.items() if value}


def test_owner_edits_price_right_in_the_list(admin_client):
    product = ProductFactory(price=Decimal("10.00"), stock=5)

    response = admin_client.post(CHANGELIST, changelist_edit(product, price="12.50"))

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.price, product.on_hand, product.available) == (Decimal("12.50"), 5, 5)


def test_the_list_has_no_stock_field_and_shows_the_figures(admin_client):
    ProductFactory(stock=5)

    page = admin_client.get(CHANGELIST).content.decode()

    assert 'name="form-0-price"' in page
    assert "form-0-stock" not in page
    assert "form-0-on_hand" not in page
    assert '<td class="field-available">5</td>' in page


def sell(product: Product, units: int) -> None:
    """A shopper buys ``units`` while the owner's page is open: the order holds them."""
    stock_allocate(order=None, quantities={product.pk: units})


def test_a_price_saved_from_a_list_loaded_before_a_sale_leaves_the_stock_alone(admin_client):
    product = ProductFactory(price=Decimal("10.00"), stock=5)
    loaded = admin_client.get(CHANGELIST)  # the owner's list shows 5
    assert '<td class="field-available">5</td>' in loaded.content.decode()
    sell(product, 2)  # the database says 3 available

    # The figures the old list posted are ignored, whatever their name.
    response = admin_client.post(CHANGELIST, changelist_edit(product, price="11.00", stock="5", on_hand="5"))

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.price, product.available, product.on_hand, product.allocated) == (Decimal("11.00"), 3, 5, 2)


def test_a_description_saved_from_a_page_loaded_before_a_sale_leaves_the_stock_alone(admin_client):
    product = ProductFactory(stock=5)
    url = reverse("admin:store_product_change", args=[product.pk])
    assert admin_client.get(url).status_code == 200  # the owner opens the page at 5
    sell(product, 2)

    response = admin_client.post(url, change_page_edit(product, description_en="Now with a lid.", on_hand="5"))

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.description_en, product.available, product.on_hand) == ("Now with a lid.", 3, 5)


def test_owner_types_a_price_in_persian_or_arabic_digits(admin_client):
    product = ProductFactory(price=Decimal("10.00"), stock=5)

    response = admin_client.post(CHANGELIST, changelist_edit(product, price="۱٬۲۳۴٫۵۰"))

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.price == Decimal("1234.50")


def test_the_price_field_takes_any_digits_and_brings_up_a_number_keyboard(admin_client):
    product = ProductFactory()

    page = admin_client.get(reverse("admin:store_product_change", args=[product.pk])).content.decode()

    assert re.search(r'<input type="text" name="price"[^>]*inputmode="decimal"', page)


def test_list_edit_refuses_a_negative_price(admin_client):
    product = ProductFactory(price=Decimal("10.00"))

    response = admin_client.post(CHANGELIST, changelist_edit(product, price="-1.00"))

    assert response.status_code == 200
    price_error = 'id="id_form-0-price_error"><li>Ensure this value is greater than or equal to 0.'
    assert price_error in response.content.decode()
    product.refresh_from_db()
    assert product.price == Decimal("10.00")


@pytest.mark.parametrize("model", ["product", "category"])
def test_add_page_fills_the_slug_from_the_english_name(admin_client, model):
    response = admin_client.get(reverse(f"admin:store_{model}_add"))

    match = re.search(r'data-prepopulated-fields="([^"]*)"', response.content.decode())
    [slug] = json.loads(html.unescape(match.group(1)))
    assert (slug["name"], slug["dependency_list"]) == ("slug", ["name_en"])


@pytest.mark.parametrize("model", ["product", "category"])
def test_add_page_asks_for_the_name_in_english_and_persian(admin_client, model):
    page = admin_client.get(reverse(f"admin:store_{model}_add")).content.decode()

    assert 'name="name_en"' in page
    assert 'name="name_fa"' in page


def test_owner_adds_a_product_in_english_and_persian(admin_client):
    category = CategoryFactory()

    response = admin_client.post(
        reverse("admin:store_product_add"),
        {
            "category": category.pk,
            "name_en": "Milk Frother",
            "name_fa": "کف‌ساز شیر",
            "slug": "milk-frother",
            "description_en": "Hand pump frother.",
            "description_fa": "کف‌ساز دستی با پمپ.",
            "price": "18.00",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    product = Product.objects.get(slug="milk-frother")
    assert product.get_absolute_url() == "/products/milk-frother/"
    with translation.override("fa"):
        assert (product.name, product.description) == ("کف‌ساز شیر", "کف‌ساز دستی با پمپ.")
    with translation.override("en"):
        assert (product.name, product.description) == ("Milk Frother", "Hand pump frother.")


def test_owner_finds_a_product_by_its_persian_or_english_name(admin_client):
    ProductFactory(name_en="Hand Grinder", name_fa="آسیاب دستی قهوه")
    ProductFactory(name_en="Sencha", name_fa="چای سبز سنچا")

    assert changelist_names(admin_client.get(CHANGELIST, {"q": "آسیاب"})) == ["Hand Grinder"]
    assert changelist_names(admin_client.get(CHANGELIST, {"q": "sencha"})) == ["Sencha"]


def test_shoppers_cannot_open_the_admin(client, django_user_model):
    shopper = django_user_model.objects.create_user("shopper", "shopper@example.com", "pw")
    client.force_login(shopper)

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# A large catalog


def test_search_never_counts_the_whole_table_again(admin_client):
    ProductFactory(name="Hand Grinder")
    ProductFactory(name="Sencha")

    response = admin_client.get(CHANGELIST, {"q": "grinder"})

    page = response.content.decode()
    assert changelist_names(response) == ["Hand Grinder"]
    assert "1 result" in page
    assert "total" not in page  # Django's "(2 total)" link costs a second COUNT(*) of every product


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the admin's search vector search needs PostgreSQL")
def test_on_postgresql_the_owner_finds_the_best_matches_by_the_start_of_words_or_the_exact_slug(admin_client):
    ProductFactory(name="Hand Grinder", slug="hand-grinder", description="Steel burrs")
    ProductFactory(name="Sencha", slug="sencha", category=CategoryFactory(name="Tea", slug="tea"))

    assert changelist_names(admin_client.get(CHANGELIST, {"q": "grind steel"})) == ["Hand Grinder"]
    ProductFactory(name="Tea Towel", slug="tea-towel")
    # The best matches first: the word in the name, then in the category's name.
    assert changelist_names(admin_client.get(CHANGELIST, {"q": "tea"})) == ["Tea Towel", "Sencha"]
    assert changelist_names(admin_client.get(CHANGELIST, {"q": "hand-grinder"})) == ["Hand Grinder"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
def test_on_postgresql_a_large_list_is_estimated_not_counted(admin_client, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_UP_TO", 10)  # stands in for 10,000
    for n in range(30):
        ProductFactory(name=f"Product {n:02}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE store_product")

    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(CHANGELIST)

    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"].upper()]
    assert counts
    assert all("LIMIT 11" in sql for sql in counts)  # never further than EXACT_UP_TO + 1 rows
    assert response.context["cl"].result_count == 30  # the statistics are fresh: the estimate is exact
    assert "30 products" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
def test_on_postgresql_a_small_result_is_counted_exactly(admin_client, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_UP_TO", 10)
    for n in range(30):
        ProductFactory(name=f"Product {n:02}", is_active=n >= 3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE store_product")

    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(CHANGELIST, {"is_active__exact": "0"})

    assert response.context["cl"].result_count == 3
    assert any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


def test_the_product_page_shows_its_latest_movements_and_links_to_the_whole_book(admin_client, admin_user):
    product = ProductFactory(stock=5)
    stock_adjust(product=product, change=12, reason=StockReason.RECEIPT, staff=admin_user, note="Delivery 42")

    page = admin_client.get(reverse("admin:store_product_change", args=[product.pk])).content.decode()

    assert "Goods received" in page
    assert "+12" in page
    assert "Delivery 42" in page
    book_url = f"{reverse('admin:store_stockmovement_changelist')}?product={product.pk}"
    assert book_url in page
    book = admin_client.get(book_url)
    assert [(m.reason, m.on_hand_change) for m in book.context["cl"].result_list] == [
        ("receipt", 12),
        ("opening", 5),
    ]


def test_the_stock_book_cannot_be_edited(admin_client):
    product = ProductFactory(stock=5)
    movement = product.movements.get()

    assert admin_client.get(reverse("admin:store_stockmovement_add")).status_code == 403
    assert admin_client.post(reverse("admin:store_stockmovement_delete", args=[movement.pk])).status_code == 403
    change_page = admin_client.get(reverse("admin:store_stockmovement_change", args=[movement.pk]))
    assert 'name="_save"' not in change_page.content.decode()


def stock_url(product: Product) -> str:
    return reverse("admin:store_product_stock", args=[product.pk])


def test_owner_receives_goods_and_the_book_names_them(admin_client, admin_user):
    product = ProductFactory(name="Blue Mug", stock=5)
    sell(product, 2)

    response = admin_client.post(
        stock_url(product),
        {"adjust-change": "۱۲", "adjust-reason": "receipt", "adjust-note": "Delivery 42", "adjust": "Record"},
        follow=True,
    )

    product.refresh_from_db()
    assert (product.on_hand, product.allocated, product.available) == (17, 2, 15)
    assert "Blue Mug: +12 (Goods received). On hand 17, allocated 2, available 15." in response.content.decode()
    movement = product.movements.latest("id")
    assert (movement.reason, movement.on_hand_change, movement.staff, movement.note) == (
        "receipt",
        12,
        admin_user,
        "Delivery 42",
    )


def test_owner_takes_away_a_broken_one(admin_client):
    product = ProductFactory(stock=5)

    admin_client.post(stock_url(product), {"adjust-change": "-1", "adjust-reason": "correction", "adjust": "Record"})

    product.refresh_from_db()
    assert product.on_hand == 4


def test_taking_away_units_orders_hold_is_refused_with_the_figures(admin_client):
    product = ProductFactory(name="Blue Mug", stock=5)
    sell(product, 4)

    response = admin_client.post(
        stock_url(product), {"adjust-change": "-3", "adjust-reason": "correction", "adjust": "Record"}
    )

    assert response.status_code == 200
    assert "Blue Mug has 5 on hand, 4 of them for orders not yet shipped: at most 1 can be taken away." in (
        response.content.decode()
    )
    product.refresh_from_db()
    assert product.on_hand == 5


def test_owner_recounts_against_the_figure_the_page_showed(admin_client):
    product = ProductFactory(stock=5)
    page = admin_client.get(stock_url(product)).content.decode()
    assert 'name="recount-expected" value="5"' in page

    admin_client.post(stock_url(product), {"recount-counted": "7", "recount-expected": "5", "recount": "Record"})

    product.refresh_from_db()
    assert product.on_hand == 7
    assert product.movements.latest("id").reason == "recount"


def test_a_recount_against_a_figure_changed_since_the_page_loaded_is_refused_with_the_current_one(admin_client):
    product = ProductFactory(name="Blue Mug", stock=5)
    admin_client.get(stock_url(product))  # the page shows 5 on hand
    stock_adjust(product=product, change=3, reason=StockReason.RECEIPT)  # a delivery booked meanwhile: 8

    response = admin_client.post(
        stock_url(product), {"recount-counted": "7", "recount-expected": "5", "recount": "Record"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Blue Mug: on hand changed from 5 to 8 since the page was loaded. Nothing was recorded: count again against 8."
    ) in page
    assert 'name="recount-expected" value="8"' in page  # the next count is checked against 8
    product.refresh_from_db()
    assert product.on_hand == 8


@pytest.mark.parametrize(
    "data",
    [
        {"adjust-change": "0", "adjust-reason": "receipt", "adjust": "Record"},
        {"adjust-change": "two", "adjust-reason": "receipt", "adjust": "Record"},
        {"adjust-change": "2", "adjust-reason": "sale", "adjust": "Record"},
        {"recount-counted": "-1", "recount-expected": "5", "recount": "Record"},
    ],
    ids=["zero", "not a number", "a reason only orders give", "negative count"],
)
def test_a_stock_form_with_bad_input_changes_nothing(admin_client, data):
    product = ProductFactory(stock=5)

    response = admin_client.post(stock_url(product), data)

    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert product.movements.count() == 1


def test_the_stock_page_is_for_staff_who_may_change_products(client, django_user_model):
    product = ProductFactory(stock=5)
    clerk = django_user_model.objects.create_user("clerk", "clerk@example.com", "pw", is_staff=True)
    client.force_login(clerk)

    assert client.get(stock_url(product)).status_code == 403
    assert (
        client.post(stock_url(product), {"adjust-change": "9", "adjust-reason": "receipt", "adjust": "R"}).status_code
        == 403
    )
    product.refresh_from_db()
    assert product.on_hand == 5


def test_the_stock_page_of_an_unknown_product_is_404(admin_client):
    assert admin_client.get(reverse("admin:store_product_stock", args=[999999])).status_code == 404


def test_the_stock_page_reads_in_persian(admin_client):
    product = ProductFactory(stock=5)
    admin_client.cookies["django_language"] = "fa"

    page = admin_client.get(stock_url(product)).content.decode()

    assert "شمارش دوباره" in page
    assert "۵" in page


def test_the_product_page_dates_follow_the_owners_calendar(admin_client):
    product = ProductFactory()
    nowruz = datetime.datetime(2024, 3, 20, 9, 5, tzinfo=datetime.UTC)
    Product.objects.filter(pk=product.pk).update(created_at=nowruz, updated_at=nowruz)

    persian = admin_client.get(reverse("admin:store_product_change", args=[product.pk]), HTTP_ACCEPT_LANGUAGE="fa")
    english = admin_client.get(reverse("admin:store_product_change", args=[product.pk]))

    assert persian.content.decode().count('<div class="readonly">۱ فروردین ۱۴۰۳، ۰۹:۰۵</div>') == 2
    assert english.content.decode().count('<div class="readonly">20 March 2024, 09:05</div>') == 2
