"""The ASGI entry point (the Procfile's ``web``): the cart's events through Django's ASGI handler, every other
request through its WSGI handler; database connections from a pool."""

import asyncio
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest
from django.core.signals import request_started
from django.urls import reverse

from tests.concurrency import in_a_thread_of_its_own

from .conftest import ROOT, production_env, without_settings_module

# Twenty requests one after the other, each in a thread of its own as under ASGI: which server process answered each.
REQUESTS_IN_THREADS = textwrap.dedent(
    """
    import threading

    import config.asgi
    from django.db import connection

    backends = []

    def request():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backends.append(cursor.fetchone()[0])
        connection.close()  # as Django does when a request finishes

    for _ in range(20):
        thread = threading.Thread(target=request)
        thread.start()
        thread.join()
    print(len(set(backends)))
    """
)


def backends_for_twenty_requests(env: dict[str, str]) -> int:
    result = subprocess.run(
        [sys.executable, "-c", REQUESTS_IN_THREADS],
        cwd=ROOT,
        env=without_settings_module(env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the pool is PostgreSQL's (psycopg_pool)"
)
def test_requests_in_threads_of_their_own_share_the_pools_connections(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=os.environ["DATABASE_URL"])

    assert backends_for_twenty_requests(env) <= 3  # the pool keeps two open, a third while it starts
    assert backends_for_twenty_requests(env | {"DATABASE_POOL": "0"}) == 20  # what the pool saves


@pytest.fixture
def handlers_that_served() -> Iterator[list[str]]:
    served: list[str] = []

    def record(sender, **kwargs):
        served.append(sender.__name__)

    request_started.connect(record)
    yield served
    request_started.disconnect(record)


async def get(application, path: str) -> int:
    """One GET through an ASGI application, as uvicorn sends it; the answer's status."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    received = asyncio.Event()
    statuses = []

    async def receive():
        if received.is_set():
            await asyncio.Event().wait()  # the client stays connected
        received.set()
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await application(scope, receive, send)
    return statuses[0]


@pytest.mark.django_db(transaction=True)
def test_pages_go_to_the_wsgi_handler_and_the_cart_events_to_the_asgi_one(handlers_that_served):
    from config.asgi import application

    statuses = in_a_thread_of_its_own(lambda: asyncio.run(asyncio.wait_for(_get_both(application), timeout=30)))

    assert statuses == [200, 204]  # nobody logged in: no stream
    assert handlers_that_served == ["WSGIHandler", "ASGIHandler"]


async def _get_both(application) -> list[int]:
    return [await get(application, "/"), await get(application, reverse("cart:events"))]
