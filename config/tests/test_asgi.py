"""The ASGI entry point (the Procfile's ``web``) borrows database connections from a pool.

Under ASGI each request runs the views in a thread of its own; without the pool every request would open and
close a connection to PostgreSQL.
"""

import os
import subprocess
import sys
import textwrap

import pytest

from .test_production import ROOT, production_env, without_settings_module

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the pool is PostgreSQL's (psycopg_pool)"
)

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


def test_requests_in_threads_of_their_own_share_the_pools_connections(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=os.environ["DATABASE_URL"])

    assert backends_for_twenty_requests(env) <= 3  # the pool keeps two open, a third while it starts
    assert backends_for_twenty_requests(env | {"DATABASE_POOL": "0"}) == 20  # what the pool saves
