"""The PostgreSQL server the benchmark uses, and its throwaway databases."""

import os
from urllib.parse import urlparse

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    """BENCH_DATABASE_URL, else DATABASE_URL if it is PostgreSQL, else the local default; must answer."""
    candidates = [os.environ.get("BENCH_DATABASE_URL"), os.environ.get("DATABASE_URL"), DEFAULT_URL]
    url = next(u for u in candidates if u and urlparse(u).scheme in ("postgres", "postgresql"))
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"make bench needs PostgreSQL and could not connect to {url}:\n  {error}\n"
            "Start PostgreSQL or point BENCH_DATABASE_URL at a server where this user may create databases."
        ) from None
    return url


def _execute(server_url: str, statement: sql.Composed) -> None:
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(statement)


def recreate_database(server_url: str, name: str) -> None:
    drop_database(server_url, name)
    _execute(server_url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(server_url: str, name: str) -> None:
    _execute(server_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


if __name__ == "__main__":
    print(f"PostgreSQL reachable at {admin_url()}")
