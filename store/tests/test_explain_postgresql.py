"""The queries behind the catalog's pages read indexes, never the whole products table (EXPLAIN, PostgreSQL).

With a handful of rows the planner rightly scans the table anyway, so a few thousand generated products are
added and the table analysed first; the queries are the ones the views really run. The result cap shrinks
with the catalog (48 of 5,000 rather than 1,000 of a million): a count that must read most of a category
is done fastest by a scan, which at full size it never is.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from store.models import Product
from tests.factories import ProductFactory

from .conftest import pages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"),
]

PRODUCTS = 5000
# The searches of pages() typed in Persian: "teapot", "oak teapot", and a typo of "grinder" (آسیاب).
PERSIAN_SEARCHES = {"search one word": "قوری", "search two words": "قوری بلوط", "typo": "آسیاپ", "admin search": "قوری"}


@pytest.fixture
def large_catalog(settings, tmp_path, monkeypatch):
    monkeypatch.setattr("store.views.RESULT_CAP", 48)
    monkeypatch.setattr("store.pagination.EstimatedCountPaginator.EXACT_UP_TO", 48)
    settings.MEDIA_ROOT = tmp_path / "media"
    ProductFactory(name="Hand Grinder")
    call_command("generate_catalog", f"--products={PRODUCTS}", verbosity=0)  # analyses the table too
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE store_category")


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row for (row,) in cursor.fetchall())


def product_queries(client, url: str, params: dict, language: str = "en") -> list[str]:
    # The browser's language decides where LocaleMiddleware reads it; the override, where not.
    with translation.override(language), CaptureQueriesContext(connection) as captured:
        assert client.get(url, params, headers={"accept-language": language}).status_code == 200
    return [
        query["sql"]
        for query in captured.captured_queries
        if "store_product" in query["sql"] and query["sql"].lstrip().upper().startswith("SELECT")
    ]


def pages_in(language: str, product_slug: str) -> dict[str, tuple[str, dict]]:
    in_english = pages("tea", product_slug)
    if language == "en":
        return in_english
    return in_english | {page: (in_english[page][0], {"q": query}) for page, query in PERSIAN_SEARCHES.items()}


@pytest.mark.usefixtures("large_catalog")
@pytest.mark.parametrize("language", ["en", "fa"])
def test_no_page_scans_the_products_table(admin_client, language):
    product_slug = Product.objects.order_by("id").values_list("slug", flat=True).first()
    scans = {}
    for page, (url, params) in pages_in(language, product_slug).items():
        queries = product_queries(admin_client, url, params, language)
        assert queries, f"{page} reads products"
        scans[page] = [(sql, plan(sql)) for sql in queries if "Seq Scan on store_product" in plan(sql)]

    found = {page: found for page, found in scans.items() if found}
    assert not found, "\n\n".join(f"{page}:\n{sql}\n{text}" for page, plans in found.items() for sql, text in plans)


@pytest.mark.usefixtures("large_catalog")
@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("teapot", "product_search_vector"),
        ("grnder", "product_search_vector"),
        ("قوری", "product_search_vector"),
        ("آسیاپ", "product_search_vector"),
    ],
)
def test_search_reads_its_gin_index(client, query, index):
    queries = product_queries(client, "/", {"q": query})

    assert any(index in plan(sql) for sql in queries)


@pytest.mark.usefixtures("large_catalog")
@pytest.mark.parametrize(
    ("language", "params", "index"),
    [
        ("en", {}, "product_name_en_id"),
        ("en", {"category": "tea"}, "product_category_name_en_id"),
        ("fa", {}, "product_name_fa_id"),
        ("fa", {"category": "tea"}, "product_category_name_fa_id"),
    ],
)
def test_sort_by_name_reads_the_name_index_of_the_shoppers_language(client, language, params, index):
    queries = product_queries(client, "/", params, language)

    assert all(index in plan(sql) for sql in queries), "\n\n".join(plan(sql) for sql in queries)
