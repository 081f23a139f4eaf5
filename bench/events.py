"""Live cart events: the idle streams one server process holds, its memory, and delivery latency.

The shop runs as the Procfile's web line runs it (gunicorn, one uvicorn worker, production settings) on
PostgreSQL and Redis. One client process opens an event stream (cart:events) for each of N shoppers and
keeps them open; the worker's resident memory is read from /proc with none open and with all N open.
Then cart changes are made one after another through cart.services, each timed from its commit (an
on_commit callback registered before the change's own) to the event arriving on that shopper's stream.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx

from bench.load import free_port, logged_in_session, server_environment, stop, wait_until_serving
from bench.postgres import admin_url, drop_database, recreate_database

ROOT = Path(__file__).resolve().parent.parent
DATABASE_NAME = os.environ.get("BENCH_EVENTS_DATABASE", "bench_events")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def seed(shoppers: int) -> list[dict]:
    """Shoppers with a cart of one line each, logged in through sessions written directly."""
    from django.contrib.auth import get_user_model

    from cart.models import Cart, CartItem
    from store.models import Category, Product

    category = Category.objects.create(name="Events", slug="events")
    product = Product.objects.create(
        category=category, name="Events product", slug="events", price="5.00", on_hand=10**6
    )
    seeded = []
    for number in range(shoppers):
        user = get_user_model().objects.create_user(username=f"events{number}", email=f"events{number}@example.com")
        cart = Cart.objects.create(user=user)
        line = CartItem.objects.create(cart=cart, product=product, quantity=1, unit_price=product.price)
        seeded.append({"user_id": user.pk, "session": logged_in_session(user), "line": line.pk})
    return seeded


def resident_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    if len(children) != 1:
        raise RuntimeError(f"expected one gunicorn worker, found {children}")
    return int(children[0])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def hold_streams(base: str, shoppers: list[dict], arrivals: dict[tuple[int, int], float], opened: asyncio.Event):
    """One open event stream per shopper; each version event's arrival time kept by (shopper, version)."""
    from django.conf import settings

    limits = httpx.Limits(max_connections=len(shoppers) + 10, max_keepalive_connections=0)
    ready = 0

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=httpx.Timeout(None)) as client:

        async def listen(shopper: dict) -> None:
            nonlocal ready
            cookies = {settings.SESSION_COOKIE_NAME: shopper["session"]}
            async with client.stream("GET", "/cart/events/?version=0", cookies=cookies) as response:
                assert response.status_code == 200, response.status_code
                async for line in response.aiter_lines():
                    if line.startswith("retry:"):
                        ready += 1
                        if ready == len(shoppers):
                            opened.set()
                    elif line.startswith("data: "):
                        arrivals[(shopper["user_id"], int(line.removeprefix("data: ")))] = time.perf_counter()

        await asyncio.gather(*(listen(shopper) for shopper in shoppers))


def change_and_time(shopper: dict) -> tuple[int, float]:
    """+1 on the shopper's line; returns the cart's new version and the moment the change committed."""
    from django.db import transaction

    from cart import services
    from cart.models import Cart

    committed: list[float] = []
    with transaction.atomic():
        transaction.on_commit(lambda: committed.append(time.perf_counter()))  # before the change's own publish
        user = Cart.objects.get(user_id=shopper["user_id"]).user
        services.cart_increase(user=user, item_id=shopper["line"])
    return Cart.objects.get(user_id=shopper["user_id"]).version, committed[0]


async def measure(base: str, master: int, shoppers: list[dict], changes: int) -> dict:
    worker = worker_pid(master)
    idle_kib = resident_kib(worker)
    arrivals: dict[tuple[int, int], float] = {}
    opened = asyncio.Event()
    started = time.perf_counter()
    streams = asyncio.ensure_future(hold_streams(base, shoppers, arrivals, opened))
    await asyncio.wait_for(opened.wait(), 300)
    open_seconds = time.perf_counter() - started
    await asyncio.sleep(2)
    holding_kib = resident_kib(worker)
    latencies = []
    for shopper in random.Random(23).choices(shoppers, k=changes):
        version, committed = await asyncio.to_thread(change_and_time, shopper)
        deadline = time.perf_counter() + 5
        while (shopper["user_id"], version) not in arrivals and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
        arrived = arrivals.get((shopper["user_id"], version))
        latencies.append(None if arrived is None else (arrived - committed) * 1000)
        await asyncio.sleep(0.02)
    streams.cancel()
    delivered = [value for value in latencies if value is not None]
    return {
        "connections": len(shoppers),
        "seconds_to_open_all": round(open_seconds, 2),
        "worker_rss_mib_idle": round(idle_kib / 1024, 1),
        "worker_rss_mib_holding": round(holding_kib / 1024, 1),
        "rss_kib_per_connection": round((holding_kib - idle_kib) / len(shoppers), 1),
        "changes": changes,
        "delivered": len(delivered),
        "latency_ms_p50": round(statistics.median(delivered), 2) if delivered else None,
        "latency_ms_p95": round(percentile(delivered, 0.95), 2) if delivered else None,
        "latency_ms_max": round(max(delivered), 2) if delivered else None,
    }


def run_size(connections: int, changes: int) -> dict:
    server_url = admin_url()
    database_url = urlunparse(urlparse(server_url)._replace(path=f"/{DATABASE_NAME}"))
    recreate_database(server_url, DATABASE_NAME)
    work = Path(tempfile.mkdtemp(prefix="bench-events-"))
    environment = server_environment(database_url, str(work / "static"))
    environment.update(REDIS_URL=REDIS_URL, CART_EVENTS_CHANNEL=f"bench-cart-versions-{uuid.uuid4()}", CONN_MAX_AGE="0")
    os.environ.update(environment)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections as database_connections

    settings.CART_EVENTS_REDIS_URL, settings.CART_EVENTS_CHANNEL = REDIS_URL, environment["CART_EVENTS_CHANNEL"]
    gunicorn = None
    try:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        shoppers = seed(connections)
        database_connections.close_all()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        web = [line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")][0].split()
        app, worker_class = web[2], web[web.index("--worker-class") + 1]
        gunicorn = subprocess.Popen(
            [
                *(str(Path(sys.executable).parent / "gunicorn"), app, "--worker-class", worker_class),
                *("--workers", "1", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=environment,
            stdout=open(work / "gunicorn.log", "w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until_serving(f"{base}/", gunicorn)
        results = asyncio.run(measure(base, gunicorn.pid, shoppers, changes))
        results["server_log_tracebacks"] = (work / "gunicorn.log").read_text().count("Traceback")
        return results
    finally:
        if gunicorn is not None:
            stop(gunicorn)
        database_connections.close_all()
        drop_database(server_url, DATABASE_NAME)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, required=True, help="open event streams, one per shopper")
    parser.add_argument("--changes", type=int, default=200, help="cart changes timed from commit to delivery")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    results = run_size(args.connections, args.changes)
    print(json.dumps(results, indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
