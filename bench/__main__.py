"""``make bench``: in-process on PostgreSQL and SQLite, placing an order with the mail server hanging, the HTTP load
run (as the Procfile serves the shop, and with WSGI workers), live cart events at 100 and 1,000 open streams, the
catalog at scale with each vocabulary, the owner's pages at 100,000 carts, then the report.

Needs PostgreSQL (BENCH_DATABASE_URL, else DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/postgres) and stops at once, saying so, without it.
BENCH_CATALOG_SIZES picks the catalog sizes (default "1000 100000 1000000"; e.g. "1000 100000"
skips the million, whose build takes about five minutes); "0" skips the catalog benchmark.
The events benchmark needs Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/0).
BENCH_CATALOG_VOCABULARIES picks the generated names' vocabularies, one catalog each (default "full small":
the small one puts every word in 5% of the products, where a misspelled common word is the hardest search).
"""

import os
import subprocess
import sys
from pathlib import Path

from bench.postgres import admin_url

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def run(module: str, *args: str, **environment: str | None) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    for key, value in environment.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    print(f"== python -m {module} {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, check=True)


def main() -> None:
    server = admin_url()
    run("bench.inprocess", "--output", str(RESULTS / "inprocess-postgresql.json"), DATABASE_URL=server)
    run("bench.inprocess", "--output", str(RESULTS / "inprocess-sqlite.json"), DATABASE_URL=None)
    # Place order with the mail server hanging against a healthy one (issue 22's budget: p95 at most 1.5×).
    run("bench.mail", "--output", str(RESULTS / "mail.json"), DATABASE_URL=server)
    run("bench.load", "--output", str(RESULTS / "load.json"), BENCH_DATABASE_URL=server)
    # The same load with the sync WSGI workers the Procfile had before it served the shop as ASGI (live cart events).
    run("bench.load", "--server", "wsgi", "--output", str(RESULTS / "load-wsgi.json"), BENCH_DATABASE_URL=server)
    for connections in (100, 1000):
        run(
            "bench.events",
            "--connections",
            str(connections),
            "--output",
            str(RESULTS / f"events-{connections}.json"),
            BENCH_DATABASE_URL=server,
        )
    catalog_sizes = os.environ.get("BENCH_CATALOG_SIZES", "1000 100000 1000000").split()
    if catalog_sizes != ["0"]:
        for vocabulary in os.environ.get("BENCH_CATALOG_VOCABULARIES", "full small").split():
            output = RESULTS / ("catalog.json" if vocabulary == "full" else f"catalog-{vocabulary}-vocabulary.json")
            run(
                "bench.catalog",
                "--output",
                str(output),
                "--sizes",
                *catalog_sizes,
                "--vocabulary",
                vocabulary,
                BENCH_DATABASE_URL=server,
            )
    # The owner's pages (carts admin, dashboard) at 1,000 and 100,000 carts; printed, kept in carts.json.
    run("bench.carts", "--output", str(RESULTS / "carts.json"), BENCH_DATABASE_URL=server)
    run("bench.report")


if __name__ == "__main__":
    main()
