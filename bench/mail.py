"""*Place order* with the mail server hanging against a healthy one (issue 22's budget: p95 at most 1.5×).

Production settings with the task queue on, as the Procfile runs the shop: the request records the email and
queues its task after commit; the worker, not measured here, talks to the mail server. The broker is Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/0) on a queue of this run's own, emptied at the end. The mail
server is an aiosmtpd sink, or a port that accepts connections and never answers. Each placement is a POST
through Django's test client with a one-line cart, timed after warm-up; both scenarios alternate, so they share
whatever else the machine is doing.

Run with ``DJANGO_SETTINGS_MODULE=bench.settings`` (``python -m bench.mail``); PostgreSQL when DATABASE_URL is set,
else SQLite, in a throwaway test database.
"""

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

BUDGET = 1.5


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def measure(*, warmup: int, iterations: int, ports: dict[str, int]) -> dict[str, list[float]]:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from cart.models import CartItem
    from orders.models import ShippingMethod
    from orders.selectors import checkout_quote
    from tests.factories import CartItemFactory, ShippingMethodFactory

    ShippingMethodFactory()
    item = CartItemFactory(quantity=1, product__stock=1_000_000)
    client = Client()
    client.force_login(item.cart.user)
    method = ShippingMethod.objects.filter(is_active=True).first()

    def place() -> float:
        CartItem.objects.get_or_create(
            cart=item.cart, product=item.product, defaults={"quantity": 1, "unit_price": item.unit_price}
        )
        items = list(CartItem.objects.filter(cart=item.cart).select_related("product"))
        form = {
            "email": "bench@example.com",
            "full_name": "Bench Shopper",
            "street": "1 Bench Street",
            "city": "Benchville",
            "postal_code": "12345",
            "country": "US",
            "shipping_method": method.pk,
            "checkout_token": str(uuid.uuid4()),
            "expected_total": str(checkout_quote(items=items, shipping_method=method, country="US").total),
        }
        started = time.perf_counter()
        response = client.post(reverse("orders:place"), form)
        elapsed = time.perf_counter() - started
        assert response.status_code == 303, response.status_code
        return elapsed

    samples: dict[str, list[float]] = {name: [] for name in ports}
    for round_ in range(warmup + iterations):
        for name, port in ports.items():
            settings.EMAIL_PORT = port
            elapsed = place()
            if round_ >= warmup:
                samples[name].append(elapsed)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--output", type=Path, required=True, help="JSON file for the results")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ["CELERY_BROKER_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    os.environ["EMAIL_HOST"] = "127.0.0.1"

    import django
    from django.db import connection

    from config.celery import app as celery_app
    from tests.mail import hanging_mail_server, smtp_sink

    with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root, ExitStack() as stack:
        os.environ["STATIC_ROOT"] = static_root
        django.setup()
        queue = f"bench-mail-{uuid.uuid4().hex[:8]}"
        celery_app.conf.task_default_queue = queue
        healthy, _received = stack.enter_context(smtp_sink())
        hanging = stack.enter_context(hanging_mail_server())
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            samples = measure(
                warmup=args.warmup, iterations=args.iterations, ports={"healthy": healthy, "hanging": hanging}
            )
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            with celery_app.connection_for_write() as broker:
                broker.SimpleQueue(queue).queue.delete()

    results = {
        "database": connection.vendor,
        "iterations": args.iterations,
        "p95_ms": {name: round(p95(times) * 1000, 2) for name, times in samples.items()},
        "median_ms": {name: round(statistics.median(times) * 1000, 2) for name, times in samples.items()},
    }
    results["ratio"] = round(results["p95_ms"]["hanging"] / results["p95_ms"]["healthy"], 2)
    results["within_budget"] = results["ratio"] <= BUDGET
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2))
    print(
        f"Place order p95: {results['p95_ms']['healthy']} ms with the mail server healthy, "
        f"{results['p95_ms']['hanging']} ms with it hanging: {results['ratio']}× "
        f"({'within' if results['within_budget'] else 'OVER'} the {BUDGET}× budget)"
    )


if __name__ == "__main__":
    main()
