"""All browser setup (which Chromium, how to log in, accessibility checks, screenshots, CSP violations) and the
fixtures that several browser test modules share."""

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import BrowserContext, Page, Route

from store.models import Product
from tests.factories import CartItemFactory, UserFactory

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from
# the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-results"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # the root npm workspace (package.json)

# The viewports the browser tests look at the shop in; parametrized tests use SIZES' keys as their ids.
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}

# Flags for a closed network and a root user: no sandbox, nothing phoning home.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def system_chromium() -> str | None:
    """A system Chromium, named by PLAYWRIGHT_CHROMIUM_EXECUTABLE or found on PATH; else Playwright's own."""
    named = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE")
    if named:
        return named
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    executable = system_chromium()
    if executable:
        args["executable_path"] = executable
    return args


# Runs in every page and frame before the page's own scripts (Playwright injects it past the CSP).
RECORD_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.recordCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} on ${document.location.href}`
  );
});
"""


@pytest.fixture
def csp_violations(context: BrowserContext) -> list[str]:
    """Content-Security-Policy violations in any page of the test's browser context, as they happen."""
    violations: list[str] = []

    def record(violation: str) -> None:
        violations.append(violation)

    context.expose_function("recordCspViolation", record)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    return violations


@pytest.fixture(autouse=True)
def _fail_on_csp_violations(request):
    """Every browser test fails on a CSP violation: the policy would break that page for shoppers.

    Set up before the test's page exists, so the recorder is in every page it opens.
    """
    if "page" not in request.fixturenames:
        yield
        return
    violations = request.getfixturevalue("csp_violations")
    yield
    if not request.node.get_closest_marker("csp_violation_expected"):
        assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def pytest_configure(config):
    config.addinivalue_line("markers", "csp_violation_expected: the test provokes a CSP violation on purpose")


@pytest.fixture
def catalog(transactional_db):
    """The demo catalog, as `make run` seeds it."""
    call_command("seed_store", stdout=open(os.devnull, "w"))


def use_language(page: Page, live_server, language: str) -> None:
    """Have the shop answer the page's browser context in ``language`` (its language cookie)."""
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])


@pytest.fixture
def log_in(live_server, context: BrowserContext) -> Callable:
    """Log a user in by session cookie (only the login tests use the login form)."""

    def log_in_as(user, browser_context: BrowserContext = context) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        browser_context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return log_in_as


@pytest.fixture
def shopper(catalog, log_in):
    """A user logged in to the test's browser, with the demo catalog to shop from."""
    user = UserFactory()
    log_in(user)
    return user


@pytest.fixture
def filled_cart(shopper):
    """The shopper, with two lines: 2 × Hand Grinder ($79.00) and 1 × Bird Feeder ($23.00)."""
    grinder = Product.objects.get(slug="hand-grinder")
    feeder = Product.objects.get(slug="bird-feeder")
    grinder.on_hand, feeder.on_hand = 10, 10
    grinder.save()
    feeder.save()
    CartItemFactory(cart__user=shopper, product=grinder, quantity=2)
    CartItemFactory(cart__user=shopper, product=feeder, quantity=1)
    return shopper


@pytest.fixture
def no_js_page(browser, live_server) -> Page:
    """A page in a browser context with JavaScript switched off."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def serious_accessibility_violations(page: Page) -> list[dict]:
    """Run axe-core on the page; return the serious and critical violations."""
    # Evaluated by the browser's DevTools protocol: a <script> tag would be an inline script the CSP blocks.
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


SCRIPT_ELEMENT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)
NOSCRIPT_TAG = re.compile(r"</?noscript>", re.IGNORECASE)


def serious_accessibility_violations_without_javascript(page: Page) -> list[dict]:
    """Axe on the page as ``page``, whose JavaScript is off, shows it.

    Axe needs JavaScript, and with it off even the checks' own promises never settle. So the same address is
    opened again, with the same cookies, in a browser with JavaScript on but given the document without its
    scripts and with its <noscript> content: what a browser without JavaScript renders.
    """

    def without_scripts(route: Route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        route.fulfill(response=response, body=NOSCRIPT_TAG.sub("", SCRIPT_ELEMENT.sub("", response.text())))

    context = page.context.browser.new_context()
    try:
        context.add_cookies(page.context.cookies())
        context.route("**/*", without_scripts)
        copy = context.new_page()
        copy.goto(page.url)
        return serious_accessibility_violations(copy)
    finally:
        context.close()


def format_violations(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2)


def assert_accessible(page: Page) -> None:
    violations = serious_accessibility_violations(page)
    assert violations == [], format_violations(violations)


def assert_accessible_without_javascript(page: Page) -> None:
    violations = serious_accessibility_violations_without_javascript(page)
    assert violations == [], format_violations(violations)


def save_screenshot(page: Page, name: str) -> Path:
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
