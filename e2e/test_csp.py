"""The Content-Security-Policy in the browser: what it blocks, and that the suite notices."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.usefixtures("catalog")


@pytest.mark.csp_violation_expected
def test_an_inline_script_without_the_nonce_is_blocked_and_recorded(page: Page, live_server, csp_violations):
    page.goto(live_server.url)

    page.evaluate("""() => new Promise((recorded) => {
        document.addEventListener("securitypolicyviolation", recorded, {once: true});
        const script = document.createElement("script");
        script.textContent = "document.title = 'injected'";
        document.head.append(script);
    })""")

    assert any("script-src" in violation for violation in csp_violations)
    expect(page).not_to_have_title("injected")
