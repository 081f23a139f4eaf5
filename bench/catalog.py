"""Catalog benchmark: the shop's listing, search, product and admin pages at 1,000 / 100,000 / 1,000,000 products.

For each catalog size it measures every page's server time (median and p95 after warm-up) and SQL
statements, through Django's full WSGI handler with the production settings (``bench.settings``), like
``bench.inprocess``. The catalog grows in one PostgreSQL database of its own (``BENCH_CATALOG_DATABASE``,
default ``bench_catalog``, dropped at the end): migrate, the demo catalog, then ``generate_catalog`` tops
the generated products up to each size in turn (the build is timed), followed by VACUUM ANALYZE.

Run with ``python -m bench.catalog --output bench/results/catalog.json [--sizes 1000 100000] [--vocabulary small]``;
``make bench`` runs it with every size unless ``BENCH_CATALOG_SIZES`` says otherwise, once per vocabulary: the
generator's full one, and the small one in which every word is in at least 5% of the products, where a typo of
a common word ("grnder" among 55,000 grinders at a million) is the hardest search.
"""

import argparse
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from bench.inprocess import percentile
from bench.scale import current_commit, data_statements, grow_and_measure, save_and_print, scratch_shop

SIZES = (1_000, 100_000, 1_000_000)
PRODUCT_NUMBER = 500  # a generated product that exists at every size: the product page


@dataclass(frozen=True)
class Page:
    name: str
    kind: str  # "listing", "search", "product" or "admin"
    path: str
    params: dict
    admin: bool = False
    language: str = "en"
    # What the page's time is compared with, at the smallest size: itself, or for a search the list it searches.
    baseline: str = ""


HOME = "home (by name)"
ADMIN_LIST = "admin: product list"


def pages(product_path: str) -> list[Page]:
    admin_list = "/admin/store/product/"
    return [
        Page(HOME, "listing", "/", {}),
        Page("category", "listing", "/", {"category": "tea"}),
        Page("sort: price, low to high", "listing", "/", {"sort": "price"}),
        Page("sort: price, high to low", "listing", "/", {"sort": "-price"}),
        Page("sort: newest", "listing", "/", {"sort": "newest"}),
        Page("page 2", "listing", "/", {"page": 2}),
        Page("deep page (84, the last)", "listing", "/", {"page": 84}),
        Page("category, deep page", "listing", "/", {"category": "tea", "page": 84}),
        Page("search: one word (tea)", "search", "/", {"q": "tea"}, baseline=HOME),
        Page("search: two words (oak teapot)", "search", "/", {"q": "oak teapot"}, baseline=HOME),
        Page("search: tea pot", "search", "/", {"q": "tea pot"}, baseline=HOME),
        Page("search: typo (grnder)", "search", "/", {"q": "grnder"}, baseline=HOME),
        # A word of one product (the demo catalog's Ethiopian beans), a letter left out: the typo of a rare word.
        Page("search: typo, rare word (yirgachefe)", "search", "/", {"q": "yirgachefe"}, baseline=HOME),
        Page("product page", "product", product_path, {}),
        Page(ADMIN_LIST, "admin", admin_list, {}, admin=True),
        # Searches of the admin's list, compared with that list as the shop's searches are with its home page:
        # "oak teapot" lists 1 product at 1,000 and 50 (of 876) at a million, so against itself its ratio would
        # mostly be the rendering of 49 more rows with their forms; "oak" lists 50 at every size.
        Page("admin: search (oak teapot)", "search", admin_list, {"q": "oak teapot"}, admin=True, baseline=ADMIN_LIST),
        Page("admin: search (oak)", "search", admin_list, {"q": "oak"}, admin=True, baseline=ADMIN_LIST),
        # The same in Persian: names sorted by the Persian collation's index; "چای" (tea) is in every Tea
        # product's category name, like "tea"; "قوری بلوط" is "oak teapot"; "آسیاپ" is a typo of "آسیاب" (grinder).
        Page("Persian: home (by name)", "listing", "/", {}, language="fa"),
        Page("Persian: category", "listing", "/", {"category": "tea"}, language="fa"),
        Page("Persian: deep page (84)", "listing", "/", {"page": 84}, language="fa"),
        Page("Persian: search (چای)", "search", "/", {"q": "چای"}, language="fa", baseline=HOME),
        Page("Persian: search (قوری بلوط)", "search", "/", {"q": "قوری بلوط"}, language="fa", baseline=HOME),
        Page("Persian: search, typo (آسیاپ)", "search", "/", {"q": "آسیاپ"}, language="fa", baseline=HOME),
        # "یرگاچفه" (Yirgacheffe) with a letter left out.
        Page("Persian: search, typo, rare word (یرگچفه)", "search", "/", {"q": "یرگچفه"}, language="fa", baseline=HOME),
        Page("Persian: admin: product list", "admin", admin_list, {}, admin=True, language="fa"),
    ]


class Browser:
    """GET requests through Django's WSGI handler; logged in as the owner when a user is given."""

    def __init__(self, user=None) -> None:
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import Client, RequestFactory

        self.factory = RequestFactory()
        if user is not None:
            client = Client()
            client.force_login(user)
            self.factory.cookies = client.cookies
        self.handler = WSGIHandler()

    def get(self, path: str, params: dict, language: str = "en") -> tuple[int, int]:
        from django.utils import translation

        request = self.factory.get(f"{path}?{urlencode(params)}" if params else path, HTTP_ACCEPT_LANGUAGE=language)
        started = time.perf_counter_ns()
        # The browser's language decides where the shop reads it (LocaleMiddleware); the override, where not.
        with translation.override(language):
            response = self.handler(request.environ, lambda status, headers, exc_info=None: None)
            b"".join(response)
        response.close()
        return time.perf_counter_ns() - started, response.status_code


def build(size: int, vocabulary: str, log=print) -> float:
    """Tops the generated products up to ``size``; returns the seconds it took (VACUUM ANALYZE included)."""
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("generate_catalog", f"--products={size}", f"--vocabulary={vocabulary}", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE store_product")
    seconds = time.monotonic() - started
    log(f"  {size:>9,} generated products: built in {seconds:.1f} s")
    return seconds


def measure(size: int, *, warmup: int, iterations: int, owner, log=print) -> list[dict]:
    from store.catalog_generator import NUMBER_DIGITS, SLUG_PREFIX
    from store.models import Product

    product = Product.objects.get(slug__startswith=f"{SLUG_PREFIX}{PRODUCT_NUMBER:0{NUMBER_DIGITS}d}-")
    browsers = {False: Browser(), True: Browser(owner)}
    all_pages = pages(product.get_absolute_url())
    shape = {
        page.name: data_statements(
            lambda page=page: browsers[page.admin].get(page.path, page.params, page.language)[1], page.name
        )
        for page in all_pages
    }
    samples = {page.name: [] for page in all_pages}
    started = time.monotonic()
    for round_number in range(warmup + iterations):
        for page in all_pages:
            browser = browsers[page.admin]
            browser.get(page.path, page.params, page.language)  # untimed: the caches as this page leaves them
            elapsed, _ = browser.get(page.path, page.params, page.language)
            if round_number >= warmup:
                samples[page.name].append(elapsed)
    log(f"  {size:>9,}: {warmup + iterations} rounds in {time.monotonic() - started:.1f} s")
    total = Product.objects.count()
    return [
        {
            "size": size,
            "products": total,
            "page": page.name,
            "kind": page.kind,
            "baseline": page.baseline or page.name,
            "statements": shape[page.name],
            "median_ms": statistics.median(samples[page.name]) / 1e6,
            "p95_ms": percentile(samples[page.name], 0.95) / 1e6,
            "iterations": iterations,
        }
        for page in all_pages
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(SIZES), help="generated products, e.g. 1000 100000"
    )
    parser.add_argument(
        "--vocabulary",
        choices=("full", "small"),
        default="full",
        help="the generated names' words (generate_catalog --vocabulary): 'small' puts each in 5%% of the products",
    )
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds per size")
    parser.add_argument("--iterations", type=int, default=15, help="timed rounds per size")
    parser.add_argument("--output", type=Path, required=True, help="JSON file for the results")
    args = parser.parse_args()
    with scratch_shop("BENCH_CATALOG_DATABASE", "bench_catalog"):
        results = grow_and_measure(
            tuple(args.sizes),
            build=lambda size: build(size, args.vocabulary),
            measure=lambda size, owner: measure(size, warmup=args.warmup, iterations=args.iterations, owner=owner),
        )
    results |= {
        "vocabulary": args.vocabulary,
        "warmup": args.warmup,
        "iterations": args.iterations,
        "measured_at": datetime.now(UTC).isoformat(),
        "commit": current_commit(),
    }
    save_and_print(results, args.output, name_width=32)


if __name__ == "__main__":
    main()
