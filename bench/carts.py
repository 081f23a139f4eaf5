"""The owner's pages at 1,000 and 100,000 carts: the carts admin (list, filters, search, sorts) and the dashboard.

Each size is built in a throwaway PostgreSQL database (``BENCH_CARTS_DATABASE``, default ``bench_carts``,
dropped at the end): shoppers with carts of 1–5 lines (70%), converted carts (20%) and empty ones, last changes
spread over 30 days, and one paid order for every 20 carts. Every page's server time (median and p95 after
warm-up) and SQL statements are measured through Django's WSGI handler with the production settings, as
``bench.catalog`` does. Run with ``python -m bench.carts --output bench/results/carts.json [--sizes 1000 100000]``.
"""

import argparse
import datetime
import random
import statistics
import time
from pathlib import Path

from bench.catalog import Browser
from bench.inprocess import percentile
from bench.scale import data_statements, grow_and_measure, save_and_print, scratch_shop

SIZES = (1_000, 100_000)
CARTS = "/admin/cart/cart/"
PAGES = [
    ("carts: latest changed first", CARTS, {}),
    ("carts: abandoned", CARTS, {"state": "abandoned"}),
    ("carts: active", CARTS, {"state": "active"}),
    ("carts: converted", CARTS, {"state": "converted"}),
    ("carts: value 200 or more", CARTS, {"value": "2"}),
    ("carts: most valuable first", CARTS, {"o": "-2"}),
    ("carts: search by email", CARTS, {"q": "shopper77@"}),
    ("dashboard: 7 days", "/admin/dashboard/", {}),
    ("dashboard: 30 days", "/admin/dashboard/", {"period": "30d"}),
]


def build(size: int, log=print) -> float:
    """Tops the shoppers and their carts up to ``size``; returns the seconds it took (VACUUM ANALYZE included)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from cart.models import Cart, CartItem
    from cart.selectors import cart_line_figures
    from orders.models import Order, OrderStatus
    from store.models import Product

    started = time.monotonic()
    user_model = get_user_model()
    have = Cart.objects.count()
    rng = random.Random(size)
    products = list(Product.objects.filter(is_active=True).values_list("pk", "price"))
    now = timezone.now()
    new = range(have, size)
    user_model.objects.bulk_create(
        (user_model(username=f"shopper{n}", email=f"shopper{n}@example.com", password="!") for n in new),
        batch_size=5000,
    )
    users = dict(user_model.objects.filter(username__startswith="shopper").values_list("username", "pk"))
    carts, orders = [], []
    for n in new:
        user_id = users[f"shopper{n}"]
        converted = rng.random() < 0.2
        carts.append(
            Cart(user_id=user_id, converted_at=now - datetime.timedelta(days=rng.random() * 30) if converted else None)
        )
        if n % 20 == 0:
            total = products[n % len(products)][1]
            orders.append(
                Order(
                    reference=f"B{n:09d}",
                    user_id=user_id,
                    checkout_token=f"00000000-0000-4000-8000-{n:012d}",
                    status=OrderStatus.PAID,
                    email=f"shopper{n}@example.com",
                    full_name="Bench",
                    street="1 Way",
                    city="Town",
                    postal_code="1",
                    country="US",
                    shipping_method="Standard",
                    shipping_cost=0,
                    subtotal=total,
                    total=total,
                    vat_rate=0,
                    vat_amount=0,
                )
            )
    Cart.objects.bulk_create(carts, batch_size=5000)
    Order.objects.bulk_create(orders, batch_size=5000)
    lines = []
    for cart_id, converted_at in Cart.objects.filter(user__username__startswith="shopper").values_list(
        "pk", "converted_at"
    )[have:]:
        if converted_at is None and rng.random() < 0.875:  # 70% of all carts hold lines
            for product_id, price in rng.sample(products, rng.randint(1, 5)):
                lines.append(
                    CartItem(cart_id=cart_id, product_id=product_id, quantity=rng.randint(1, 4), unit_price=price)
                )
    CartItem.objects.bulk_create(lines, batch_size=5000)
    Cart.objects.update(**cart_line_figures())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cart_cart SET lines_changed_at = COALESCE(converted_at, now() - random() * interval '30 days')"
        )
        cursor.execute("UPDATE orders_order SET created_at = now() - random() * interval '30 days'")
        cursor.execute("VACUUM ANALYZE")
    seconds = time.monotonic() - started
    log(f"  {size:>9,} carts: built in {seconds:.1f} s")
    return seconds


def measure(size: int, *, warmup: int, iterations: int, owner, log=print) -> list[dict]:
    browser = Browser(owner)
    shape = {
        name: data_statements(lambda path=path, params=params: browser.get(path, params)[1], name)
        for name, path, params in PAGES
    }
    samples: dict[str, list[int]] = {name: [] for name, _path, _params in PAGES}
    started = time.monotonic()
    for round_number in range(warmup + iterations):
        for name, path, params in PAGES:
            elapsed, _ = browser.get(path, params)
            if round_number >= warmup:
                samples[name].append(elapsed)
    log(f"  {size:>9,}: {warmup + iterations} rounds in {time.monotonic() - started:.1f} s")
    return [
        {
            "size": size,
            "page": name,
            "statements": shape[name],
            "median_ms": statistics.median(samples[name]) / 1e6,
            "p95_ms": percentile(samples[name], 0.95) / 1e6,
            "iterations": iterations,
        }
        for name, _path, _params in PAGES
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="carts, e.g. 1000 100000")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds per size")
    parser.add_argument("--iterations", type=int, default=10, help="timed rounds per size")
    parser.add_argument("--output", type=Path, required=True, help="JSON file for the results")
    args = parser.parse_args()
    with scratch_shop("BENCH_CARTS_DATABASE", "bench_carts"):
        results = grow_and_measure(
            tuple(args.sizes),
            build=build,
            measure=lambda size, owner: measure(size, warmup=args.warmup, iterations=args.iterations, owner=owner),
        )
    results |= {"warmup": args.warmup, "iterations": args.iterations}
    save_and_print(results, args.output, name_width=30)


if __name__ == "__main__":
    main()
