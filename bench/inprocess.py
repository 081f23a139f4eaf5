"""In-process benchmark: each cart interaction through Django's full WSGI handler.

For carts of 1, 10, 50 and 200 lines it measures, per interaction (and placing
the cart as an order at 1, 10 and 50 lines): SQL
statements, response bytes, HTTP requests the browser makes and server time
(median and p95 after warm-up). The interactions of every cart size run
round-robin, so the floor, every interaction and every size share whatever else
the machine is doing at that moment; each timed request directly follows an
untimed run of the same request.

Run with ``DJANGO_SETTINGS_MODULE=bench.settings`` (``python -m bench.inprocess``);
PostgreSQL when DATABASE_URL is set, else SQLite. The database is a throwaway
test database (``bench_inprocess``), created and destroyed here.
"""

import argparse
import json
import math
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

CART_SIZES = (1, 10, 50, 200)
# Placing an order empties the cart; it is filled again, untimed, after each placement.
PLACE_ORDER_SIZES = (1, 10, 50)
# The pages whose cost is mostly the shared parts (the shell, home, a product), measured with the 1-line cart.
SHARED_PAGE_SIZES = (1,)
LINE_QUANTITY = 5
# Statements that only delimit transactions; reported apart from the data statements.
TRANSACTION_CONTROL = re.compile(
    r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I
)


@dataclass
class Exchange:
    """One browser action: the requests it takes and what they cost."""

    ns: int
    cpu_ns: int  # this process's CPU time: the server's own work, whatever else the machine is doing
    body_bytes: int
    wire_bytes: int  # status line, headers and body, as a client receives them (no compression)
    requests: int
    statuses: list[int]


class Shopper:
    """A logged-in browser talking to Django's WSGI handler directly: no test-client instrumentation."""

    def __init__(self, user) -> None:
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import Client, RequestFactory
        from django.utils.crypto import get_random_string

        client = Client()
        client.force_login(user)
        self.csrf_secret = get_random_string(32)
        self.factory = RequestFactory()
        self.factory.cookies = client.cookies
        self.factory.cookies["csrftoken"] = self.csrf_secret
        self.handler = WSGIHandler()

    def _send(self, method: str, path: str, data: dict | None, htmx: bool) -> tuple[int, int, int, int, int, str]:
        headers = {"X-CSRFToken": self.csrf_secret}
        if htmx:
            headers |= {"HX-Request": "true", "HX-Current-URL": "http://testserver/cart/"}
        if method == "POST":
            request = self.factory.post(
                path, urlencode(data or {}), content_type="application/x-www-form-urlencoded", headers=headers
            )
        else:
            request = self.factory.get(path, headers=headers)
        environ = request.environ
        status_and_headers: list = []

        def start_response(status, response_headers, exc_info=None):
            status_and_headers[:] = [status, response_headers]

        started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
        response = self.handler(environ, start_response)
        body = b"".join(response)
        response.close()
        elapsed, cpu = time.perf_counter_ns() - started, time.process_time_ns() - cpu_started
        status, response_headers = status_and_headers
        head = len(f"HTTP/1.1 {status}\r\n") + sum(len(f"{k}: {v}\r\n") for k, v in response_headers) + 2
        self.factory.cookies.update(response.cookies)
        return elapsed, cpu, len(body), head + len(body), response.status_code, response.get("Location", "")

    def exchange(self, method: str, path: str, data: dict | None = None, *, htmx: bool) -> Exchange:
        elapsed, cpu, body, wire, status, _ = self._send(method, path, data, htmx)
        return Exchange(elapsed, cpu, body, wire, 1, [status])

    def full_page_cycle(self, path: str, data: dict | None = None) -> Exchange:
        """What a browser does without htmx: POST, follow the 303, load the whole page."""
        first_ns, first_cpu, first_body, first_wire, first_status, location = self._send("POST", path, data, False)
        second_ns, second_cpu, second_body, second_wire, second_status, _ = self._send("GET", location, None, False)
        return Exchange(
            first_ns + second_ns,
            first_cpu + second_cpu,
            first_body + second_body,
            first_wire + second_wire,
            2,
            [first_status, second_status],
        )


@dataclass
class Interaction:
    name: str
    kind: str  # "fragment", "page", "full-page cycle" or "floor"
    act: Callable[[], Exchange]
    expected_status: tuple[int, ...]
    reset: Callable[[], None] = lambda: None  # untimed: puts the cart back as it was


def seed(max_lines: int):
    """Products enough for the largest cart plus one to add, and one shopper per cart size."""
    from django.contrib.auth import get_user_model

    from cart.models import Cart, CartItem
    from store.models import Category, Product

    category = Category.objects.create(name="Bench", slug="bench")
    products = Product.objects.bulk_create(
        Product(
            category=category,
            name=f"Bench product {n}",
            slug=f"bench-product-{n}",
            description="Benchmark product.",
            price=Decimal("3.00") + n,
            on_hand=10_000,
            # Like every demo product, a picture: each line offers its sized variants.
            image=f"products/bench-product-{n}.png",
        )
        for n in range(max_lines + 1)
    )
    write_pictures(products)
    shoppers = {}
    for size in CART_SIZES:
        user = get_user_model().objects.create_user(username=f"bench{size}", email=f"bench{size}@example.com")
        cart = Cart.objects.create(user=user)
        CartItem.objects.bulk_create(
            CartItem(cart=cart, product=product, quantity=LINE_QUANTITY, unit_price=product.price)
            for product in products[:size]
        )
        shoppers[size] = (user, cart)
    return products, shoppers


def write_pictures(products) -> None:
    """A small file for each product's picture, and its sized variants made once, as a shop that has been running
    has them: the statements counted are a request's own, not the one-time making of variants."""
    import io

    from django.core.files.storage import default_storage
    from PIL import Image

    from store.templatetags.pictures import PICTURE_SIZES, product_picture

    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "#c8643c").save(buffer, format="PNG")
    for product in products:
        path = Path(default_storage.path(product.image.name))
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(buffer.getvalue())
        for size in PICTURE_SIZES:
            product_picture(product.image, size)


def interactions_for(shopper: Shopper, cart, products) -> list[Interaction]:
    from django.urls import reverse

    from cart.models import CartItem

    lines = list(CartItem.objects.filter(cart=cart).select_related("product"))
    middle = lines[len(lines) // 2]
    extra = products[-1]  # never in any cart: "add" creates a new line
    last = lines[-1]
    set_to = {"quantity": LINE_QUANTITY}

    def put_back_last() -> None:
        # Same id, so URLs stay valid (in a 1-line cart the last line is also the middle one).
        CartItem.objects.create(
            pk=last.pk, cart=cart, product=last.product, quantity=LINE_QUANTITY, unit_price=last.unit_price
        )
        if last.pk == middle.pk:
            set_to["quantity"] = LINE_QUANTITY  # so the next "set quantity" still changes something

    def drop_added() -> None:
        CartItem.objects.filter(cart=cart, product=extra).delete()

    def next_set_quantity() -> dict:
        set_to["quantity"] = LINE_QUANTITY + 2 if set_to["quantity"] == LINE_QUANTITY else LINE_QUANTITY
        return {"line": middle.pk, "quantity": set_to["quantity"]}

    def url(name: str, *args) -> str:
        return reverse(name, args=args)

    def place_order_form() -> dict:
        """What the checkout form posts: a fresh checkout token and the total the page showed."""
        import uuid

        from orders.models import ShippingMethod
        from orders.selectors import checkout_quote

        method = ShippingMethod.objects.filter(is_active=True).first()
        items = list(CartItem.objects.filter(cart=cart).select_related("product"))
        quote = checkout_quote(items=items, shipping_method=method, country="US")
        return {
            "email": "bench@example.com",
            "full_name": "Bench Shopper",
            "street": "1 Bench Street",
            "city": "Benchville",
            "postal_code": "12345",
            "country": "US",
            "shipping_method": method.pk,
            "checkout_token": str(uuid.uuid4()),
            "expected_total": str(quote.total),
        }

    def refill_cart() -> None:
        # Same ids, so the other interactions' URLs stay valid.
        CartItem.objects.bulk_create(
            CartItem(pk=line.pk, cart=cart, product=line.product, quantity=LINE_QUANTITY, unit_price=line.unit_price)
            for line in lines
        )

    add_url = url("cart:add", extra.pk)
    fragment, cycle = shopper.exchange, shopper.full_page_cycle
    place_order = (
        [
            Interaction(
                "place order",
                "order",
                lambda: fragment("POST", url("orders:place"), place_order_form(), htmx=False),
                (303,),
                refill_cart,
            )
        ]
        if len(lines) in PLACE_ORDER_SIZES
        else []
    )
    # Every page carries the shop's header, category bar, language switch, mini-cart shell and footer: what
    # they cost is measured once, beside the floor, by the shell alone and by two pages a shopper sees most.
    shared_page = (
        [
            Interaction("page shell", "page", lambda: fragment("GET", url("bench_page_shell"), htmx=False), (200,)),
            Interaction("home page", "page", lambda: fragment("GET", url("store:product_list"), htmx=False), (200,)),
            Interaction(
                "product page", "page", lambda: fragment("GET", middle.product.get_absolute_url(), htmx=False), (200,)
            ),
        ]
        if len(lines) in SHARED_PAGE_SIZES
        else []
    )
    return [
        *place_order,
        *shared_page,
        Interaction("floor", "floor", lambda: fragment("POST", url("bench_floor", middle.pk), htmx=True), (200,)),
        Interaction(
            "add", "fragment", lambda: fragment("POST", add_url, {"quantity": 1}, htmx=True), (200,), drop_added
        ),
        Interaction(
            "increase",
            "fragment",
            lambda: fragment("POST", url("cart:increase"), {"line": middle.pk}, htmx=True),
            (200,),
        ),
        Interaction(
            "decrease",
            "fragment",
            lambda: fragment("POST", url("cart:decrease"), {"line": middle.pk}, htmx=True),
            (200,),
        ),
        Interaction(
            "set quantity",
            "fragment",
            lambda: fragment("POST", url("cart:set_quantity"), next_set_quantity(), htmx=True),
            (200,),
        ),
        Interaction(
            "remove",
            "fragment",
            lambda: fragment("POST", url("cart:remove"), {"line": last.pk}, htmx=True),
            (200,),
            put_back_last,
        ),
        Interaction("cart page", "page", lambda: fragment("GET", url("cart:detail"), htmx=False), (200,)),
        Interaction("add", "full-page cycle", lambda: cycle(add_url, {"quantity": 1}), (303, 200), drop_added),
        Interaction(
            "increase", "full-page cycle", lambda: cycle(url("cart:increase"), {"line": middle.pk}), (303, 200)
        ),
        Interaction(
            "decrease", "full-page cycle", lambda: cycle(url("cart:decrease"), {"line": middle.pk}), (303, 200)
        ),
        Interaction(
            "set quantity",
            "full-page cycle",
            lambda: cycle(url("cart:set_quantity"), next_set_quantity()),
            (303, 200),
        ),
        Interaction(
            "remove", "full-page cycle", lambda: cycle(url("cart:remove"), {"line": last.pk}), (303, 200), put_back_last
        ),
    ]


def count_statements(run: Callable[[], Exchange]) -> tuple[Exchange, int, int]:
    """Runs once under a query capture; returns data statements and transaction-control statements apart."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        exchange = run()
    control = sum(1 for query in captured.captured_queries if TRANSACTION_CONTROL.match(query["sql"]))
    return exchange, len(captured.captured_queries) - control, control


def percentile(values: list[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(*, warmup: int, iterations: int, sizes=CART_SIZES, only: set[str] = frozenset(), log=print) -> list[dict]:
    products, shoppers = seed(max(sizes))
    interactions: list[tuple[int, Interaction]] = []
    for size in sizes:
        user, cart = shoppers[size]
        interactions += [
            (size, interaction)
            for interaction in interactions_for(Shopper(user), cart, products)
            if not only or interaction.name in only or interaction.kind in only
        ]
    shape = {}
    for size, interaction in interactions:
        # Counted on the second run: fragments the pages cache are in the cache, as in a shop that is running.
        interaction.act()
        interaction.reset()
        exchange, statements, control = count_statements(interaction.act)
        interaction.reset()
        if tuple(exchange.statuses) != interaction.expected_status:
            raise RuntimeError(f"{interaction.name} ({interaction.kind}) answered {exchange.statuses}")
        shape[size, interaction.name, interaction.kind] = (exchange, statements, control)
    samples: dict[tuple, list[int]] = {key: [] for key in shape}
    cpu_samples: dict[tuple, list[int]] = {key: [] for key in shape}
    started = time.monotonic()
    # Every size in one round-robin: the 1-line page and the 200-line page, like the floor and each change,
    # share whatever else the machine is doing at that moment, so their ratio does not follow its drift.
    for round_number in range(warmup + iterations):
        for size, interaction in interactions:
            # Untimed first: a request that follows a different one pays for the caches that one
            # evicted (after a 200-line page, the floor takes twice as long), which is not its own cost.
            interaction.act()
            interaction.reset()
            exchange = interaction.act()
            interaction.reset()
            if round_number >= warmup:
                samples[size, interaction.name, interaction.kind].append(exchange.ns)
                cpu_samples[size, interaction.name, interaction.kind].append(exchange.cpu_ns)
    log(f"  {', '.join(map(str, sizes))} lines: {warmup + iterations} rounds in {time.monotonic() - started:.1f} s")
    rows = []
    for (size, name, kind), (exchange, statements, control) in shape.items():
        times = samples[size, name, kind]
        rows.append(
            {
                "lines": size,
                "interaction": name,
                "kind": kind,
                "statements": statements,
                "transaction_statements": control,
                "body_bytes": exchange.body_bytes,
                "wire_bytes": exchange.wire_bytes,
                "requests": exchange.requests,
                "median_ms": statistics.median(times) / 1e6,
                "p95_ms": percentile(times, 0.95) / 1e6,
                "median_cpu_ms": statistics.median(cpu_samples[size, name, kind]) / 1e6,
                "iterations": len(times),
            }
        )
    return rows


def collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def run(*, warmup: int, iterations: int, sizes=CART_SIZES, only: set[str] = frozenset()) -> dict:
    """Creates the throwaway database, measures, destroys it."""
    import django
    from django.conf import settings
    from django.db import connection

    from bench.scale import current_commit

    django.setup()
    collect_static()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        rows = measure(warmup=warmup, iterations=iterations, sizes=sizes, only=only)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {
        "database": connection.vendor,
        "database_version": _database_version(),
        "settings": settings.SETTINGS_MODULE,
        "warmup": warmup,
        "iterations": iterations,
        "measured_at": datetime.now(UTC).isoformat(),
        "commit": current_commit(),
        "rows": rows,
    }


def _database_version() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def main() -> None:
    import os
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=10, help="untimed rounds per cart size")
    parser.add_argument("--iterations", type=int, default=100, help="timed rounds per cart size")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(CART_SIZES))
    parser.add_argument("--only", nargs="+", default=[], help="interaction names or kinds, e.g. floor page")
    parser.add_argument("--output", type=Path, required=True, help="JSON file for the results")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
        os.environ["STATIC_ROOT"] = static_root
        results = run(warmup=args.warmup, iterations=args.iterations, sizes=tuple(args.sizes), only=set(args.only))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2))
    for row in results["rows"]:
        print(
            f"{row['lines']:>4} {row['interaction']:<13} {row['kind']:<16} q={row['statements']:>2}+{row['transaction_statements']}"
            f" bytes={row['body_bytes']:>7} req={row['requests']} median={row['median_ms']:.3f} ms p95={row['p95_ms']:.3f} ms"
            f" cpu={row['median_cpu_ms']:.3f} ms"
        )


if __name__ == "__main__":
    main()
