"""Back and Forward after filtering the catalog: always the whole page, for a visitor and a logged-in shopper."""

import pytest
from playwright.sync_api import Page, Response, expect

from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("catalog")


def is_history_restore(response: Response) -> bool:
    """htmx's request for the page again on Back or Forward: until it is answered the page still shows the last one
    (a busy machine took more than the assertions' 5 s)."""
    return response.request.headers.get("hx-history-restore-request") == "true"


def expect_whole_catalog_page(page: Page) -> None:
    expect(page.get_by_role("banner")).to_be_visible()
    expect(page.get_by_role("link", name="Cart, 0 items")).to_be_visible()
    expect(page.get_by_label("Category")).to_be_visible()
    expect(page.get_by_label("Sort by")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    expect(page.get_by_test_id("product-card").first).to_be_visible()


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "shopper"])
def test_back_after_filtering_and_sorting_shows_the_whole_page(page: Page, live_server, log_in, logged_in):
    if logged_in:
        log_in(UserFactory())
    page.goto(live_server.url)
    page.get_by_label("Category").select_option(label="Garden")
    expect(page).to_have_url(f"{live_server.url}/?q=&category=garden&sort=name")
    page.get_by_label("Sort by").select_option(label="Price: low to high")
    expect(page).to_have_url(f"{live_server.url}/?q=&category=garden&sort=price")

    with page.expect_response(is_history_restore):
        page.go_back()

    expect(page).to_have_url(f"{live_server.url}/?q=&category=garden&sort=name")
    expect_whole_catalog_page(page)
    expect(page.get_by_label("Category")).to_have_value("garden")
    expect(page.get_by_test_id("product-card")).to_have_count(8)

    with page.expect_response(is_history_restore):
        page.go_back()

    expect(page).to_have_url(f"{live_server.url}/")
    expect_whole_catalog_page(page)
    expect(page.get_by_label("Category")).to_have_value("")
    expect(page.get_by_test_id("product-card")).to_have_count(12)

    with page.expect_response(is_history_restore):
        page.go_forward()

    expect(page).to_have_url(f"{live_server.url}/?q=&category=garden&sort=name")
    expect_whole_catalog_page(page)
    expect(page.get_by_label("Sort by")).to_have_value("name")
