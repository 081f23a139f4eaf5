"""The shop in Persian, right to left: its own typeface, mirrored layout and icons, the whole shopping flow."""

import pytest
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.usefixtures("catalog")


def fonts_fetched(page: Page, url: str) -> list[str]:
    """The fonts the page downloads, once it and its fonts have loaded."""
    fonts: list[str] = []

    def record(request: Request) -> None:
        if request.resource_type == "font":
            fonts.append(request.url)

    page.on("request", record)
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.remove_listener("request", record)
    return fonts


def test_an_english_page_downloads_no_font(page: Page, live_server):
    fonts = fonts_fetched(page, live_server.url)

    assert fonts == []
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_persian_typeface_is_served_by_the_shop(page: Page, live_server):
    response = page.request.get(f"{live_server.url}/static/css/dist/files/vazirmatn-arabic-wght-normal.woff2")

    assert response.body()[:4] == b"wOF2"  # a WOFF2 file's signature
    expect(response).to_be_ok()
