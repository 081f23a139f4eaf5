"""Production mode for real: Django's deployment checks, and the shop served by gunicorn with whitenoise.

Each test starts its own processes with its own environment (and its own SQLite file),
so the result does not depend on the suite's database: CI's PostgreSQL pass skips them.
"""

import gzip
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_settings import SETTINGS_ENV

ROOT = Path(__file__).resolve().parents[2]
BUILT_CSS = ROOT / "theme" / "static" / "css" / "dist" / "styles.css"

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="independent of the suite's database; the SQLite pass already ran it",
)


# Set by the browser tests' conftest for this process only; a deployment never has it.
TEST_ONLY_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in {*SETTINGS_ENV, *TEST_ONLY_ENV}}
    # gunicorn's config.wsgi would choose production by itself; manage.py is told.
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="shop.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_deploy_checks_pass_without_a_single_warning(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_without_a_secret_key_refuses_to_start(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the SECRET_KEY environment variable" in result.stderr


def without_settings_module(env: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if name != "DJANGO_SETTINGS_MODULE"}


def test_the_wsgi_entry_point_is_production_and_refuses_to_start_without_a_secret_key(tmp_path):
    env = without_settings_module(production_env(tmp_path))
    del env["SECRET_KEY"]

    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_the_wsgi_entry_point_runs_without_debug(tmp_path):
    env = without_settings_module(production_env(tmp_path))

    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi; from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT, env={**env, "DEBUG": "1"}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.stdout.strip() == "False", result.stderr


@pytest.fixture(scope="module")
def gunicorn_shop(tmp_path_factory) -> Iterator[str]:
    """The shop in production mode under gunicorn on a free loopback port; yields its base URL."""
    tmp_path = tmp_path_factory.mktemp("production")
    assert BUILT_CSS.is_file(), "Build the stylesheet first: manage.py tailwind build (make test does it)"
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0")
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"]):
        result = manage(*command, "-v", "0", env=env)
        assert result.returncode == 0, result.stderr

    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", "127.0.0.1:0", "--workers", "1",
             "--no-control-socket"],
            # No DJANGO_SETTINGS_MODULE: config.wsgi chooses production by itself.
            cwd=ROOT, env=without_settings_module(env), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield f"http://127.0.0.1:{wait_for_port(server, log_path)}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_for_port(server: subprocess.Popen, log_path: Path) -> int:
    """Port 0 lets the kernel pick a free port; gunicorn logs which one."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if found := re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log_path.read_text()):
            return int(found.group(1))
        if server.poll() is not None:
            break
        time.sleep(0.1)
    pytest.fail(f"gunicorn did not start:\n{log_path.read_text()}")


def fetch(url: str, **headers: str):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)


def test_gunicorn_serves_the_shop_and_whitenoise_its_hashed_stylesheet(gunicorn_shop):
    with fetch(gunicorn_shop + "/") as home:
        assert home.status == 200
        page = home.read().decode()
    assert "<html" in page
    stylesheet = re.search(r'href="(/static/css/dist/styles\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page should link the hashed stylesheet from collectstatic's manifest"

    with fetch(gunicorn_shop + stylesheet.group(1), **{"Accept-Encoding": "gzip"}) as css:
        assert css.status == 200
        assert css.headers["Content-Type"].startswith("text/css")
        assert css.headers["Content-Encoding"] == "gzip"
        assert "immutable" in css.headers["Cache-Control"]


def test_gunicorn_behind_an_https_proxy_sends_hsts(gunicorn_shop):
    with fetch(gunicorn_shop + "/", **{"X-Forwarded-Proto": "https"}) as home:
        assert home.status == 200
        assert home.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_gunicorn_sends_pages_compressed_and_the_icons(gunicorn_shop):
    with fetch(gunicorn_shop + "/", **{"Accept-Encoding": "gzip"}) as home:
        assert home.headers["Content-Encoding"] == "gzip"
        page = gzip.decompress(home.read()).decode()
    svg_icon = re.search(r'<link rel="icon" href="(/static/favicon\.[0-9a-f]{12}\.svg)"', page)
    assert svg_icon, "the page should link the hashed SVG icon"

    for icon in (svg_icon.group(1), "/favicon.ico"):
        with fetch(gunicorn_shop + icon) as response:
            assert response.status == 200
