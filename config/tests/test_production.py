"""Production mode for real: Django's deployment checks, and the shop served by gunicorn with whitenoise.

Each test starts its own processes with its own environment (and its own SQLite file),
so the result does not depend on the suite's database: CI's PostgreSQL pass skips them.
"""

import gzip
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

import pytest

from tests.factories import PASSWORD

from .conftest import BUILT_CSS, ROOT, production_env, without_settings_module

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="independent of the suite's database; the SQLite pass already ran it",
)


# What a production deployment shares between its processes; `check --deploy` refuses production without them.
# Nothing connects to these hosts during a check.
SHARED_SERVICES = {"REDIS_URL": "redis://redis.internal:6379/1", "CELERY_BROKER_URL": "redis://redis.internal:6379/2"}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_deploy_checks_pass_without_a_single_warning(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path, **SHARED_SERVICES))

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_checks_pass_for_the_readmes_recipe_without_tls(tmp_path):
    env = production_env(tmp_path, **SHARED_SERVICES, SECURE_SSL_REDIRECT="0", ALLOWED_HOSTS="localhost")

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stderr


def test_deploy_checks_refuse_a_shop_whose_processes_share_nothing(tmp_path):
    result = manage("check", "--deploy", env=production_env(tmp_path, SHOP_INSTANCES="3"))

    assert result.returncode != 0
    assert "shop.E001" in result.stderr  # a local-memory cache
    assert "shop.E002" in result.stderr  # no task queue
    assert "shop.E003" in result.stderr  # media on this server's disk
    assert "shop.E004" in result.stderr  # a SQLite file


def test_deploy_checks_pass_for_several_servers_sharing_a_bucket_and_postgresql(tmp_path):
    env = production_env(
        tmp_path,
        **SHARED_SERVICES,
        SHOP_INSTANCES="3",
        AWS_STORAGE_BUCKET_NAME="shop-media",
        DATABASE_URL="postgres://shop:password@db.internal:5432/shop",
    )

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stderr


def test_production_mode_without_a_secret_key_refuses_to_start(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the SECRET_KEY environment variable" in result.stderr


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


def procfile_web_app() -> list[str]:
    """What the Procfile's ``web`` line has gunicorn serve, and with which workers (its --bind is the test's)."""
    (web,) = [line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")]
    command = shlex.split(web.removeprefix("web:"))
    assert command[0] == "gunicorn"
    return command[1:2] + command[command.index("--worker-class") : command.index("--worker-class") + 2]


@contextmanager
def running_gunicorn(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """gunicorn serving the shop as the Procfile's web line does, on a free loopback port; yields its base URL."""
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *procfile_web_app(), "--bind", "127.0.0.1:0", "--workers", "1",
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


def prepare(env: dict[str, str], *commands: list[str]) -> None:
    assert BUILT_CSS.is_file(), "Build the stylesheet first: npm run build:css (make test does it)"
    for command in commands:
        result = manage(*command, "-v", "0", env=env)
        assert result.returncode == 0, result.stderr


COLLECTSTATIC = ["collectstatic", "--noinput"]
MIGRATE = ["migrate", "--noinput"]


@pytest.fixture(scope="module")
def gunicorn_shop(tmp_path_factory) -> Iterator[str]:
    """The shop in production mode under gunicorn; yields its base URL."""
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0")
    prepare(env, COLLECTSTATIC, MIGRATE)
    with running_gunicorn(env, tmp_path / "gunicorn.log") as url:
        yield url


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


def test_gunicorn_sends_the_content_security_policy(gunicorn_shop):
    with fetch(gunicorn_shop + "/") as home:
        policy = home.headers["Content-Security-Policy"]
        page = home.read().decode()

    nonce = re.search(r'<script nonce="([^"]+)">', page).group(1)
    assert f"script-src 'self' 'nonce-{nonce}'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe" not in policy


def status_of(url: str, **headers: str) -> tuple[int, Message, str]:
    """The status, headers (names in any case, as HTTP has them) and body of a GET, error statuses included."""
    try:
        with fetch(url, **headers) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def gunicorn_shop_without_database(tmp_path_factory) -> Iterator[str]:
    """Production mode with DATABASE_URL pointing at a PostgreSQL that is not there (nothing listens on port 1)."""
    tmp_path = tmp_path_factory.mktemp("no-database")
    env = production_env(
        tmp_path, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", DATABASE_URL="postgres://postgres@127.0.0.1:1/x"
    )
    prepare(env, COLLECTSTATIC)
    with running_gunicorn(env, tmp_path / "gunicorn.log") as url:
        yield url


def test_database_down_answers_503_with_retry_after_and_the_styled_page(gunicorn_shop_without_database):
    status, headers, page = status_of(gunicorn_shop_without_database + "/")

    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "The shop is briefly unavailable" in page
    assert re.search(r'href="/static/css/dist/styles\.[0-9a-f]{12}\.css"', page)


def test_database_down_fails_readiness_while_liveness_answers(gunicorn_shop_without_database):
    ready_status, _, ready = status_of(gunicorn_shop_without_database + "/health/", Accept="application/json")
    live_status, _, live = status_of(gunicorn_shop_without_database + "/health/live/")

    assert ready_status == 500
    assert "Database" in ready
    assert (live_status, live) == (200, "ok")


@pytest.fixture(scope="module")
def gunicorn_shop_without_redis(tmp_path_factory) -> Iterator[str]:
    """Production mode with REDIS_URL pointing at a Redis that is not there, and one shopper."""
    tmp_path = tmp_path_factory.mktemp("no-redis")
    env = production_env(
        tmp_path, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", REDIS_URL="redis://127.0.0.1:1/0"
    )
    prepare(env, COLLECTSTATIC, MIGRATE)
    create = f"from tests.factories import UserFactory; UserFactory(email={SHOPPER!r})"
    prepare(env, ["shell", "-c", create])
    with running_gunicorn(env, tmp_path / "gunicorn.log") as url:
        yield url


SHOPPER = "shopper@example.com"


def test_redis_down_login_with_the_right_password_works(gunicorn_shop_without_redis):
    login_url = gunicorn_shop_without_redis + "/accounts/login/"
    with fetch(login_url) as form:
        csrf_cookie = re.search(r"csrftoken=([^;]+)", form.headers["Set-Cookie"]).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.read().decode()).group(1)
    data = urllib.parse.urlencode({"login": SHOPPER, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(login_url, data=data, headers={"Cookie": f"csrftoken={csrf_cookie}"})

    with pytest.raises(urllib.error.HTTPError) as redirect:  # urllib does not follow a redirect after a POST
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)

    assert redirect.value.code == 302
    assert redirect.value.headers["Location"] == "/"
    assert any(cookie.startswith("sessionid=") for cookie in redirect.value.headers.get_all("Set-Cookie"))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_gunicorn_sends_pages_compressed_and_the_icons(gunicorn_shop):
    with fetch(gunicorn_shop + "/", **{"Accept-Encoding": "gzip"}) as home:
        assert home.headers["Content-Encoding"] == "gzip"
        page = gzip.decompress(home.read()).decode()
    svg_icon = re.search(r'<link rel="icon" href="(/static/favicon\.[0-9a-f]{12}\.svg)"', page)
    assert svg_icon, "the page should link the hashed SVG icon"

    for icon in (svg_icon.group(1), "/favicon.ico"):
        with fetch(gunicorn_shop + icon) as response:
            assert response.status == 200


NO_PAYMENT_PROVIDER = {"STRIPE_SECRET_KEY": "", "STRIPE_WEBHOOK_SECRET": ""}


def test_gunicorn_without_a_payment_provider_refuses_to_start_and_says_what_to_set(tmp_path):
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", **NO_PAYMENT_PROVIDER)
    log_path = tmp_path / "gunicorn.log"

    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *procfile_web_app(), "--bind", "127.0.0.1:0", "--workers", "1",
             "--no-control-socket"],
            cwd=ROOT, env=without_settings_module(env), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        returncode = server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    output = log_path.read_text()
    assert returncode != 0, output
    assert "ImproperlyConfigured: No payment provider is configured" in output
    assert "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET" in output


def test_deploy_check_without_a_payment_provider_is_an_error_naming_the_variables(tmp_path):
    # The development settings start without one (the demo provider); the deployment check says it will not do.
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="config.settings.development", DEBUG="0")

    result = manage("check", "--deploy", env={**env, **NO_PAYMENT_PROVIDER})

    assert result.returncode != 0
    assert "orders.E001" in result.stderr
    assert "set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET" in result.stderr


def test_deploy_check_in_demo_mode_warns(tmp_path):
    env = production_env(tmp_path, **SHARED_SERVICES, SHOP_DEMO_PAYMENTS="1", **NO_PAYMENT_PROVIDER)

    result = manage("check", "--deploy", env=env)

    assert result.returncode == 0, result.stderr
    assert "orders.W001" in result.stderr
    assert "Payments are a demo (SHOP_DEMO_PAYMENTS=1)" in result.stderr


@pytest.fixture(scope="module")
def gunicorn_demo_shop(tmp_path_factory) -> Iterator[str]:
    """Production mode with the operator's explicit opt-in to demo payments and no real provider."""
    tmp_path = tmp_path_factory.mktemp("demo-payments")
    env = production_env(
        tmp_path, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", SHOP_DEMO_PAYMENTS="1", **NO_PAYMENT_PROVIDER
    )
    prepare(env, COLLECTSTATIC, MIGRATE)
    with running_gunicorn(env, tmp_path / "gunicorn.log") as url:
        yield url


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/no-such-page/"])
def test_gunicorn_in_demo_mode_says_so_on_every_page(gunicorn_demo_shop, path):
    status, _headers, page = status_of(gunicorn_demo_shop + path)

    assert "Demo shop: payments are only pretended. Nobody is charged and no order is delivered." in page, (
        status,
        page[:500],
    )


def test_gunicorn_with_a_real_provider_shows_no_demo_banner(gunicorn_shop):
    _status, _headers, page = status_of(gunicorn_shop + "/")

    assert "Demo shop" not in page
