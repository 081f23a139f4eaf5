"""HTTP load run: gunicorn + PostgreSQL on loopback, driven by locust for a fixed time.

Creates a fresh PostgreSQL database (``bench_load``), migrates and seeds it,
logs shoppers in by writing their sessions directly, starts gunicorn in
production mode on a free 127.0.0.1 port, runs bench/locustfile.py headless,
stops gunicorn whatever happens, then checks the database against what the
clients saw: no lost update, no duplicate line, no quantity out of bounds; and
for the buyers who check out: stock plus units ordered (not cancelled) equals
the starting stock of every product, one order per checkout token, no order
without lines, no negative stock.

    python -m bench.load --output bench/results/load.json
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from bench.postgres import admin_url, drop_database, recreate_database

ROOT = Path(__file__).resolve().parent.parent
# Another checkout of the shop benchmarking on the same server sets its own name.
DATABASE_NAME = os.environ.get("BENCH_LOAD_DATABASE", "bench_load")
COUNTER_START = 50
SET_START = 5
# Enough that no add-only line reaches the 99-unit cap in a minute, so every add must count.
ADD_PRODUCTS_PER_SHOPPER = 12
FILLER_LINES = 4
STOCK = 10_000
# Buyers share a few products: the scarce ones run out during the run, so checkouts race for the last units.
SCARCE_PRODUCTS, SCARCE_STOCK = 3, 10
PLENTIFUL_PRODUCTS = 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(database_url: str, static_root: str) -> dict[str, str]:
    """Production settings (config.settings.production), minus the HTTPS redirect: loopback has no TLS."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-load-secret-key-" + "y" * 40,
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        PAYMENT_HOST="127.0.0.1",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        STATIC_ROOT=static_root,
        LOG_LEVEL="ERROR",
        # Confirmation emails of the buyers' orders: kept in memory, not printed.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # The buyers pay with django-payments' dummy provider, as in the demo shop.
        SHOP_DEMO_PAYMENTS="1",
    )
    return environment


def logged_in_session(user) -> str:
    """A session logged in as ``user``, as a login would leave it; its key is the cookie's value."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def seed(shoppers: int) -> list[dict]:
    """Products and shoppers with carts, each logged in through a session written directly."""

    from django.contrib.auth import get_user_model
    from django.utils.crypto import get_random_string

    from cart.models import Cart, CartItem
    from store.models import Category, Product

    category = Category.objects.create(name="Load", slug="load")
    per_shopper = ADD_PRODUCTS_PER_SHOPPER + 2 + FILLER_LINES
    products = Product.objects.bulk_create(
        Product(category=category, name=f"Load product {n}", slug=f"load-{n}", price=f"{2 + n % 40}.50", on_hand=STOCK)
        for n in range(shoppers * per_shopper)
    )
    seeded = []
    for number in range(shoppers):
        user = get_user_model().objects.create_user(username=f"load{number}", email=f"load{number}@example.com")
        cart = Cart.objects.create(user=user)
        mine = products[number * per_shopper : (number + 1) * per_shopper]
        add_products, (counter, setter), filler = (
            mine[:ADD_PRODUCTS_PER_SHOPPER],
            mine[ADD_PRODUCTS_PER_SHOPPER : ADD_PRODUCTS_PER_SHOPPER + 2],
            mine[ADD_PRODUCTS_PER_SHOPPER + 2 :],
        )
        counter_line = CartItem.objects.create(
            cart=cart, product=counter, quantity=COUNTER_START, unit_price=counter.price
        )
        set_line = CartItem.objects.create(cart=cart, product=setter, quantity=SET_START, unit_price=setter.price)
        CartItem.objects.bulk_create(CartItem(cart=cart, product=p, quantity=2, unit_price=p.price) for p in filler)
        seeded.append(
            {
                "user_id": user.pk,
                "session": logged_in_session(user),
                "csrf": get_random_string(32),
                "add_products": [p.pk for p in add_products],
                "counter_line": counter_line.pk,
                "set_line": set_line.pk,
            }
        )
    return seeded


def seed_buyers(buyers: int) -> list[dict]:
    """Accounts that check out, with empty carts, sharing scarce and plentiful products."""

    from django.contrib.auth import get_user_model
    from django.utils.crypto import get_random_string

    from store.models import Category, Product

    category = Category.objects.create(name="Checkout", slug="checkout")
    products = Product.objects.bulk_create(
        [
            Product(category=category, name=f"Scarce {n}", slug=f"scarce-{n}", price="7.50", on_hand=SCARCE_STOCK)
            for n in range(SCARCE_PRODUCTS)
        ]
        + [
            Product(category=category, name=f"Plentiful {n}", slug=f"plentiful-{n}", price="3.25", on_hand=STOCK)
            for n in range(PLENTIFUL_PRODUCTS)
        ]
    )
    seeded = []
    for number in range(buyers):
        user = get_user_model().objects.create_user(username=f"buyer{number}", email=f"buyer{number}@example.com")
        seeded.append(
            {
                "user_id": user.pk,
                "session": logged_in_session(user),
                "csrf": get_random_string(32),
                "products": [p.pk for p in products],
            }
        )
    return seeded


def check_orders(starting_stock: dict[int, int], buyers: list[dict], counts: dict) -> dict:
    """Stock and orders agree: what left the stock is exactly what orders hold, once per checkout."""
    from django.db.models import Count, Sum

    from orders.models import STOCK_HOLDING_STATUSES, Order, OrderLine
    from store.models import Product, available_units

    ordered = dict(
        OrderLine.objects.filter(order__status__in=STOCK_HOLDING_STATUSES)
        .values("product")
        .annotate(units=Sum("quantity"))
        .values_list("product", "units")
    )
    stock_mismatches = [
        f"product {pk}: available {available} + ordered {ordered.get(pk, 0)} != {starting_stock[pk]}"
        for pk, available in Product.objects.values_list("pk", available_units())
        if available + ordered.get(pk, 0) != starting_stock[pk]
    ]
    placed_by_clients = sum(counts["successes"].get(b["session"], {}).get("place order", 0) for b in buyers)
    return {
        "orders": Order.objects.count(),
        "orders_placed_per_clients": placed_by_clients,
        "double_submits_landing_on_the_same_order": sum(
            counts["successes"].get(b["session"], {}).get("same order again", 0) for b in buyers
        ),
        "units_ordered": sum(ordered.values()),
        "stock_mismatches": stock_mismatches,
        "negative_stock": Product.objects.alias(available=available_units()).filter(available__lt=0).count(),
        "orders_sharing_a_checkout_token": Order.objects.values("checkout_token")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count(),
        "orders_without_lines": Order.objects.filter(lines=None).count(),
        "sold_out_products": Product.objects.alias(available=available_units()).filter(available=0).count(),
    }


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's process group, SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def check_database(shoppers: list[dict], counts: dict) -> dict:
    """Compares every watched line with what the clients were told succeeded."""
    from django.conf import settings
    from django.db.models import Count, Q

    from cart.models import CartItem
    from store.models import available_units

    lost_updates, broken = [], []
    for shopper in shoppers:
        key = shopper["session"]
        done = counts["successes"].get(key, {})
        quantities = dict(
            CartItem.objects.filter(cart__user_id=shopper["user_id"]).values_list("product_id", "quantity")
        )
        for product in shopper["add_products"]:
            expected = done.get(f"add {product}", 0)
            if quantities.get(product, 0) != expected:
                lost_updates.append(f"add-only product {product}: {quantities.get(product, 0)} in DB, {expected} adds")
        counter = CartItem.objects.filter(pk=shopper["counter_line"]).values_list("quantity", flat=True).first()
        expected_counter = COUNTER_START + done.get("increase", 0) - done.get("decrease", 0)
        if counter != expected_counter:
            lost_updates.append(f"counter line {shopper['counter_line']}: {counter} in DB, expected {expected_counter}")
        set_value = CartItem.objects.filter(pk=shopper["set_line"]).values_list("quantity", flat=True).first()
        allowed = set(counts["values_set"].get(key, [])) or {SET_START}
        if set_value not in allowed:
            broken.append(f"set line {shopper['set_line']}: {set_value} was never set")
    duplicates = CartItem.objects.values("cart", "product").annotate(n=Count("id")).filter(n__gt=1).count()
    out_of_bounds = CartItem.objects.filter(
        Q(quantity__lt=1)
        | Q(quantity__gt=settings.CART_MAX_LINE_QUANTITY)
        | Q(quantity__gt=available_units("product__"))
    ).count()
    return {
        "lines_checked": sum(len(s["add_products"]) + 2 for s in shoppers),
        "lost_updates": lost_updates,
        "broken": broken,
        "duplicate_lines": duplicates,
        "quantities_out_of_bounds": out_of_bounds,
        "successful_adds": sum(v for d in counts["successes"].values() for k, v in d.items() if k.startswith("add ")),
        "successful_increases": sum(d.get("increase", 0) for d in counts["successes"].values()),
        "successful_decreases": sum(d.get("decrease", 0) for d in counts["successes"].values()),
    }


EXPECTED_STATUSES = (200, 302, 303, 409, 422)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(fraction * len(ordered) + 0.5)) - 1)] if ordered else float("nan")


def summarise(counts: dict, duration: float) -> dict:
    rows = {}
    every = []
    for name, values in sorted(counts["latencies_ms"].items()):
        every.extend(values)
        rows[name] = {
            "requests": len(values),
            "p50_ms": statistics.median(values),
            "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99),
        }
    rows["all"] = {
        "requests": len(every),
        "p50_ms": statistics.median(every),
        "p95_ms": percentile(every, 0.95),
        "p99_ms": percentile(every, 0.99),
    }
    statuses = {int(code): n for code, n in counts["statuses"].items()}
    return {
        "per_request": rows,
        "throughput_rps": len(every) / duration,
        "statuses": statuses,
        "server_errors": sum(n for code, n in statuses.items() if code >= 500),
        # 303/302 are a checkout's redirects, 409 a price change to confirm, 422 a refusal the shop explains.
        "failed_requests": sum(n for code, n in statuses.items() if code not in EXPECTED_STATUSES),
    }


def served_app(server: str) -> list[str]:
    """gunicorn's app and worker class: the Procfile's web line's, or config.wsgi with gunicorn's sync workers."""
    if server == "wsgi":
        return ["config.wsgi:application"]
    web = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")).split()
    return [web[2], "--worker-class", web[web.index("--worker-class") + 1]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shoppers", type=int, default=10, help="logged-in shoppers")
    parser.add_argument("--tabs", type=int, default=2, help="browser tabs per shopper, all changing one cart")
    parser.add_argument("--buyers", type=int, default=6, help="shoppers who check out again and again")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--server",
        choices=["procfile", "wsgi"],
        default="procfile",
        help="gunicorn as the Procfile's web line runs it (ASGI, uvicorn workers), or with its sync WSGI workers",
    )
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()

    server_url = admin_url()
    database_url = urlunparse(urlparse(server_url)._replace(path=f"/{DATABASE_NAME}"))
    recreate_database(server_url, DATABASE_NAME)
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    static_root = work / "static"
    environment = server_environment(database_url, str(static_root))
    if args.server == "procfile":
        # Under ASGI every request runs in a thread of its own: a persistent connection would outlive it
        # unused (Django's docs: no persistent connections under ASGI).
        environment["CONN_MAX_AGE"] = "0"
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    gunicorn = None
    try:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        shoppers = seed(args.shoppers)
        buyers = seed_buyers(args.buyers)
        from store.models import Product, available_units

        starting_stock = dict(Product.objects.values_list("pk", available_units()))
        (work / "shoppers.json").write_text(json.dumps(shoppers))
        (work / "buyers.json").write_text(json.dumps(buyers))
        connections.close_all()

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        gunicorn_log = open(work / "gunicorn.log", "w")
        gunicorn = subprocess.Popen(
            [
                *(str(Path(sys.executable).parent / "gunicorn"), *served_app(args.server)),
                *("--workers", str(args.workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=environment,
            stdout=gunicorn_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches every worker
        )
        wait_until_serving(f"{base}/", gunicorn)
        users = args.shoppers * args.tabs + args.buyers
        print(
            f"load: {args.shoppers * args.tabs} tabs of {args.shoppers} shoppers and {args.buyers} buyers, "
            f"{args.duration} s, gunicorn {args.workers} workers"
        )
        locust_environment = dict(
            environment,
            BENCH_SHOPPERS=str(work / "shoppers.json"),
            BENCH_BUYERS=str(work / "buyers.json"),
            BENCH_COUNTS=str(work / "counts.json"),
            BENCH_TABS_PER_SHOPPER=str(args.tabs),
        )
        started = time.monotonic()
        subprocess.run(
            [
                *(str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py")),
                *("--headless", "--users", str(users), "--spawn-rate", str(users)),
                *("--run-time", f"{args.duration}s", "--host", base, "--stop-timeout", "10"),
                *("--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"),
            ],
            cwd=ROOT,
            env=locust_environment,
            check=True,
            timeout=args.duration + 120,
        )
        duration = min(time.monotonic() - started, float(args.duration))
    finally:
        if gunicorn is not None:
            stop(gunicorn)
    counts = json.loads((work / "counts.json").read_text())
    server_log = (work / "gunicorn.log").read_text()
    results = {
        "shoppers": args.shoppers,
        "tabs": args.shoppers * args.tabs,
        "buyers": args.buyers,
        "duration_s": args.duration,
        "gunicorn_workers": args.workers,
        "server": " ".join(served_app(args.server)),
        **summarise(counts, duration),
        "server_log_tracebacks": server_log.count("Traceback"),
        "invariants": check_database(shoppers, counts),
        "order_invariants": check_orders(starting_stock, buyers, counts),
    }
    connections.close_all()
    drop_database(server_url, DATABASE_NAME)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2))
    invariants = results["invariants"]
    print(
        f"load: {results['throughput_rps']:.0f} req/s, p50 {results['per_request']['all']['p50_ms']:.1f} ms, "
        f"p95 {results['per_request']['all']['p95_ms']:.1f} ms, p99 {results['per_request']['all']['p99_ms']:.1f} ms, "
        f"5xx {results['server_errors']}, lost updates {len(invariants['lost_updates'])}, "
        f"duplicates {invariants['duplicate_lines']}, out of bounds {invariants['quantities_out_of_bounds']}"
    )
    orders = results["order_invariants"]
    print(
        f"load: {orders['orders']} orders ({orders['orders_placed_per_clients']} per the clients), "
        f"stock mismatches {len(orders['stock_mismatches'])}, negative stock {orders['negative_stock']}, "
        f"shared tokens {orders['orders_sharing_a_checkout_token']}, orders without lines {orders['orders_without_lines']}"
    )
    if results["failed_requests"]:
        # A change answered 404 changes nothing, so "no lost update" would hold for a mix that tests nothing.
        raise SystemExit(
            f"load: {results['failed_requests']} requests got a status the mix never expects "
            f"(statuses {results['statuses']}); the invariants above prove nothing until the mix is fixed"
        )


if __name__ == "__main__":
    main()
