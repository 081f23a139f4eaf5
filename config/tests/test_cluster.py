"""Two servers, one worker, one scheduler, started as the Procfile says, in production mode (no Docker).

Servers A and B each have their own empty MEDIA_ROOT and share PostgreSQL, Redis (cache and broker) and an
S3-compatible server (moto, on loopback); mail goes to a local SMTP sink (aiosmtpd). A shopper logs in on A,
adds on B and checks out on A; the owner uploads a picture in the admin on A that B shows with its variants;
each order's email is delivered once, even when the worker is killed mid-send and started again; the scheduler
releases an unpaid order's stock once.

PostgreSQL only (several processes share the test database); skipped on SQLite.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from orders.models import Order, OrderStatus
from store.models import Product, StockMovement, StockReason
from tests.factories import PASSWORD, ProductFactory, ShippingMethodFactory, UserFactory
from tests.mail import HoldingSinkHandler, free_port, serving
from tests.object_storage import new_bucket, running_s3

from .conftest import BUILT_CSS, ROOT, production_env

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the servers share PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

User = get_user_model()
# What the load balancer in front forwards: the shop's public host, over HTTPS.
HOST = "shop.example"
PROCFILE = ROOT / "Procfile"


def procfile() -> dict[str, str]:
    return dict(line.split(": ", 1) for line in PROCFILE.read_text().splitlines() if line.strip())


def database_url() -> str:
    """The test database, for the servers: the one this test's data is in."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Cluster:
    """The Procfile's processes, each in its own process group so that a kill takes its children too."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.tmp_path = tmp_path
        self.env = env
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, kind: str, **env: str) -> None:
        log = (self.tmp_path / f"{name}.log").open("a")
        self.processes[name] = subprocess.Popen(
            ["bash", "-c", f"exec {procfile()[kind]}"],
            cwd=self.tmp_path, env={**self.env, **env}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text()

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for name in list(self.processes):
            process = self.processes.pop(name)
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def start_web(self, name: str, media_root: Path) -> str:
        port = free_port()
        self.start(name, "web", PORT=str(port), MEDIA_ROOT=str(media_root))
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: responds(url + "/health/live/"), f"{name} to serve", lambda: self.log(name))
        return url


def responds(url: str) -> bool:
    try:
        return httpx.get(url, headers={"Host": HOST}, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def wait_for(condition: Callable[[], object], what: str, log: Callable[[], str] = str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"Waited {timeout} s for {what}.\n{log()}")


class Browser:
    """One person's browser behind the load balancer, talking to whichever server it is sent to.

    The shop's cookies are Secure (HTTPS behind the proxy), so they are kept here by hand for plain loopback HTTP.
    """

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, server: str, method: str, path: str, **kwargs) -> httpx.Response:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Origin": f"https://{HOST}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = httpx.request(method, server + path, headers=headers, timeout=30, **kwargs)
        for cookie in response.headers.get_list("set-cookie"):
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def get(self, server: str, path: str) -> httpx.Response:
        return self.request(server, "GET", path)

    def post(self, server: str, path: str, data: dict | list, **kwargs) -> httpx.Response:
        fields = dict(data)
        fields.setdefault("csrfmiddlewaretoken", self.cookies["csrftoken"])
        return self.request(server, "POST", path, data=fields, **kwargs)

    def log_in(self, server: str, email: str) -> None:
        self.get(server, "/accounts/login/")
        response = self.post(server, "/accounts/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302, response.text


class FormFields(HTMLParser):
    """What a browser would submit from the page's form with the given id, before the person changes anything."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.select_value: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside or "name" not in attributes:
            if self.inside and tag == "option" and self.select is not None:
                self._option(attributes)
            return
        name, kind = attributes["name"], attributes.get("type", "text")
        if tag == "input" and kind not in {"submit", "button", "file", "image"}:
            if kind not in {"checkbox", "radio"} or "checked" in attributes:
                self.fields.append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select, self.select_value = name, None
        elif tag == "textarea":
            self.textarea = name
            self.fields.append((name, ""))

    def _option(self, attributes: dict[str, str]) -> None:
        if self.select_value is None or "selected" in attributes:
            self.select_value = attributes.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            self.fields.append((self.select, self.select_value or ""))
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)


def form_fields(html: str, form_id: str) -> dict[str, list[str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    fields: dict[str, list[str]] = {}
    for name, value in parser.fields:
        fields.setdefault(name, []).append(value)
    return fields


def check_out(browser: Browser, server: str) -> Order:
    page = browser.get(server, reverse("orders:checkout")).text
    response = browser.post(
        server,
        reverse("orders:place"),
        {
            "email": "ada@example.com",
            "full_name": "Ada Lovelace",
            "street": "12 Analytical Row",
            "city": "Springfield",
            "postal_code": "12345",
            "country": "US",
            "phone": "",
            "shipping_method": re.search(r'name="shipping_method" value="(\d+)"[^>]*checked', page).group(1),
            "checkout_token": re.search(r'name="checkout_token" value="([^"]+)"', page).group(1),
            "expected_total": re.search(r'name="expected_total" value="([^"]+)"', page).group(1),
        },
    )
    assert response.status_code == 303, response.text
    return Order.objects.latest("id")


def png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (800, 800), "#3c8c64").save(buffer, format="PNG")
    return buffer.getvalue()


def subjects(received: list[Message], order: Order) -> list[str]:
    return [message["Subject"] for message in received if order.reference in message["Subject"]]


@contextmanager
def cluster_services(tmp_path: Path) -> Iterator[tuple[dict[str, str], HoldingSinkHandler, str]]:
    """The shared parts beside PostgreSQL: S3 (moto) and the mail sink; yields the servers' variables."""
    sink = HoldingSinkHandler()
    with ExitStack() as stack:
        s3 = stack.enter_context(running_s3())
        smtp_port = stack.enter_context(serving(sink))
        redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
        env = production_env(
            tmp_path,
            ALLOWED_HOSTS=HOST,
            SECURE_SSL_REDIRECT="0",
            DATABASE_URL=database_url(),
            REDIS_URL=redis_url,
            CELERY_BROKER_URL=redis_url,
            SHOP_INSTANCES="2",
            SHOP_DEMO_PAYMENTS="1",
            STRIPE_SECRET_KEY="",
            STRIPE_WEBHOOK_SECRET="",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            EMAIL_TIMEOUT="60",
            SCHEDULE_INTERVAL_SECONDS="1",
            # The Procfile's commands from the shop's virtualenv, run from a scratch folder (beat's schedule file).
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            PYTHONPATH=str(ROOT),
            LOG_LEVEL="INFO",
            **new_bucket(s3),
        )
        del env["DJANGO_SETTINGS_MODULE"]  # each entry point chooses production itself
        yield env, sink, s3


def test_two_servers_a_worker_and_a_scheduler_share_everything(tmp_path):
    assert BUILT_CSS.is_file(), "Build the stylesheet first: make css (make test does it)"
    ShippingMethodFactory()
    product = ProductFactory(name="Ceramic Dripper", stock=5)
    shopper = UserFactory(email="ada@example.com")
    owner = UserFactory(email="owner@example.com", is_staff=True, is_superuser=True)
    # Hashed as production hashes: the test settings' fast hasher is not among production's.
    hasher = PBKDF2PasswordHasher()
    User.objects.update(password=hasher.encode(PASSWORD, hasher.salt()))

    with cluster_services(tmp_path) as (env, sink, s3):
        collect = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert collect.returncode == 0, collect.stderr
        cluster = Cluster(tmp_path, env)
        try:
            cluster.start("worker", "worker")
            cluster.start("scheduler", "scheduler")
            media = {name: tmp_path / f"media-{name}" for name in ("a", "b")}
            a = cluster.start_web("a", media["a"])
            b = cluster.start_web("b", media["b"])

            # Log in on A, add on B, check out on A.
            browser = Browser()
            browser.log_in(a, shopper.email)
            added = browser.post(b, reverse("cart:add", args=[product.pk]), {"quantity": "2"})
            assert added.status_code in (302, 303), added.text
            assert "Ceramic Dripper" in browser.get(a, reverse("cart:detail")).text
            first = check_out(browser, a)
            assert first.lines.get().quantity == 2

            # The worker delivers the confirmation once.
            wait_for(lambda: subjects(sink.received, first), "the confirmation email", lambda: cluster.log("worker"))

            # The owner uploads a picture in the admin on A; B shows it and its variants, from the bucket.
            owner_browser = Browser()
            owner_browser.log_in(a, owner.email)
            change = reverse("admin:store_product_change", args=[product.pk])
            fields = form_fields(owner_browser.get(a, change).text, "product_form")
            saved = owner_browser.post(
                a, change, fields | {"_save": ["Save"]}, files={"image": ("dripper.png", png(), "image/png")}
            )
            assert saved.status_code == 302, saved.text
            product.refresh_from_db()
            assert product.image.name.startswith("products/dripper")
            page = browser.get(b, product.get_absolute_url()).text
            variants = re.findall(r"(\S+) \d+w", re.search(r'srcset="([^"]+)"', page).group(1))
            assert len(variants) == 3
            for url in [*variants, f"{s3}/{env['AWS_STORAGE_BUCKET_NAME']}/{product.image.name}"]:
                assert url.startswith(s3)
                assert httpx.get(url, timeout=10).status_code == 200
            assert not any(path.is_file() for root in media.values() for path in root.rglob("*"))

            # The next email's worker is killed while the mail server holds it; a new worker sends it once.
            sink.hold_next = True
            browser.post(b, reverse("cart:add", args=[product.pk]), {"quantity": "1"})
            second = check_out(browser, a)
            wait_for(sink.holding.is_set, "the worker to be mid-send", lambda: cluster.log("worker"))
            cluster.kill("worker")
            sink.released.set()
            cluster.start("worker-again", "worker")
            wait_for(lambda: subjects(sink.received, second), "the resent email", lambda: cluster.log("worker-again"))

            # The scheduler releases the first order, unpaid past its time, once.
            Order.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
            wait_for(
                lambda: Order.objects.get(pk=first.pk).status == OrderStatus.EXPIRED,
                "the scheduler to release the unpaid order",
                lambda: cluster.log("scheduler") + cluster.log("worker-again"),
            )
            time.sleep(3)  # a few more of the scheduler's runs
        finally:
            cluster.stop_all()

    assert len(subjects(sink.received, first)) == 1
    assert len(subjects(sink.received, second)) == 1
    assert Product.objects.get(pk=product.pk).available == 4  # 5, less the second order's 1
    assert StockMovement.objects.filter(order=first, reason=StockReason.EXPIRY).count() == 1
