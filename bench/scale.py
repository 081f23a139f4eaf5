"""What the benchmarks at scale share (``bench.catalog``, ``bench.carts``): the shop in a throwaway PostgreSQL
database, grown size by size, its pages measured at each size through Django's WSGI handler."""

import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from bench.inprocess import TRANSACTION_CONTROL
from bench.postgres import admin_url, drop_database, recreate_database


@contextmanager
def scratch_shop(database_variable: str, default_name: str) -> Iterator[None]:
    """Django set to a new database on the bench's PostgreSQL server (named by ``database_variable``, else
    ``default_name``; dropped at the end) and to a temporary folder for static and media files."""
    server = admin_url()
    name = os.environ.get(database_variable, default_name)
    os.environ["DATABASE_URL"] = urlunparse(urlparse(server)._replace(path=f"/{name}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    recreate_database(server, name)
    try:
        with tempfile.TemporaryDirectory(prefix=f"{name}-") as scratch:
            os.environ["STATIC_ROOT"] = str(Path(scratch) / "static")
            os.environ["MEDIA_ROOT"] = str(Path(scratch) / "media")
            yield
    finally:
        drop_database(server, name)


def grow_and_measure(sizes: tuple[int, ...], *, build: Callable[[int], float], measure: Callable) -> dict:
    """The demo shop and its owner, then each size in turn: ``build(size)`` (its seconds), ``measure(size, owner)``
    (its rows)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_store", verbosity=0)
    owner = get_user_model().objects.create_superuser("owner", "owner@example.com", "bench-owner")
    rows, builds = [], {}
    for size in sorted(sizes):
        builds[size] = build(size)
        rows += measure(size, owner)
    version = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    connection.close()
    return {"database_version": version, "build_seconds": builds, "rows": rows}


def data_statements(request: Callable[[], int], name: str) -> int:
    """SQL statements of one request (``request()`` returns its status), transaction control apart; run once
    before, untimed and uncounted, so that a connection it opens adds no set-up statement."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request()
    with CaptureQueriesContext(connection) as captured:
        status = request()
    if status != 200:
        raise RuntimeError(f"{name} answered {status}")
    control = sum(1 for query in captured.captured_queries if TRANSACTION_CONTROL.match(query["sql"]))
    return len(captured.captured_queries) - control


def current_commit() -> str:
    """The checkout's commit, short: what a result was measured at."""
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=root
    ).stdout.strip()


def save_and_print(results: dict, output: Path, name_width: int) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))
    for row in results["rows"]:
        print(
            f"{row['size']:>9,} {row['page']:<{name_width}} q={row['statements']:>2} "
            f"median={row['median_ms']:8.2f} ms p95={row['p95_ms']:8.2f} ms"
        )
