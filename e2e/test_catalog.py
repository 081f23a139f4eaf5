import re

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from .conftest import format_violations, save_screenshot, serious_accessibility_violations

pytestmark = pytest.mark.usefixtures("catalog")


def test_home_shows_styled_product_cards_with_pictures(page: Page, live_server):
    page.goto(live_server.url)

    cards = page.get_by_test_id("product-card")
    expect(cards).to_have_count(12)
    # The card's picture is decorative (the name is the link to read), so it is found as an element, not a role.
    first_image = cards.first.locator("img")
    expect(first_image).to_be_visible()
    assert first_image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    assert first_image.evaluate("img => img.currentSrc").endswith(".webp")
    # Tailwind's stylesheet is applied: cards are rounded white boxes in a grid.
    assert cards.first.evaluate("el => getComputedStyle(el).borderTopLeftRadius") != "0px"
    assert page.locator("#results ul").evaluate("el => getComputedStyle(el).display") == "grid"
    expect(page.get_by_role("link", name="Cart, 0 items")).to_be_visible()


def test_search_finds_products_by_name(page: Page, live_server):
    page.goto(live_server.url)

    page.get_by_role("searchbox", name="Search products").fill("teapot")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("product-card")).to_have_count(1)
    expect(page.get_by_role("heading", name="Cast Iron Teapot 0.8 L")).to_be_visible()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the typo search's vocabulary is PostgreSQL's")
@pytest.mark.parametrize("browser_page", ["page", "no_js_page"])
def test_a_misspelled_search_shows_the_corrected_words_results_and_offers_the_words_as_typed(
    request, live_server, browser_page
):
    page: Page = request.getfixturevalue(browser_page)
    page.goto(live_server.url)

    page.get_by_role("searchbox", name="Search products").fill("grnder")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Showing results for “grinder”.")).to_be_visible()
    expect(page.get_by_test_id("product-card")).to_have_count(1)
    expect(page.get_by_role("heading", name="Hand Grinder")).to_be_visible()
    page.get_by_role("link", name="Search instead for “grnder”").click()
    expect(page.get_by_text("No products match.")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search products")).to_have_value("grnder")
    expect(page.get_by_text("Showing results for")).to_have_count(0)


def test_category_filter_narrows_the_list_in_place(page: Page, live_server):
    page.goto(live_server.url)
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("Category").select_option(label="Garden")

    expect(page).to_have_url(f"{live_server.url}/?q=&category=garden&sort=name")
    expect(page.get_by_test_id("product-card")).to_have_count(8)
    assert page.evaluate("window.stillTheSamePage") is True
    expect(page.get_by_test_id("product-card").first).to_contain_text("Garden")


def test_category_nav_link_filters_without_javascript(no_js_page: Page, live_server):
    no_js_page.goto(live_server.url)

    no_js_page.get_by_role("navigation", name="Categories").get_by_role("link", name="Tea").click()

    expect(no_js_page.get_by_role("heading", level=1)).to_have_text("Tea")
    expect(no_js_page.get_by_test_id("product-card")).to_have_count(8)


def test_product_page_shows_its_picture_and_more_from_its_category(page: Page, live_server):
    page.goto(f"{live_server.url}/products/hand-grinder/")

    picture = page.get_by_role("img", name="Hand Grinder")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    related = page.get_by_role("region", name="More from Coffee").get_by_test_id("product-card")
    expect(related).to_have_count(4)
    expect(related.first.locator("img")).to_have_attribute("srcset", re.compile(r"\.webp 200w"))
    nav = page.get_by_role("navigation", name="Categories")
    expect(nav.get_by_role("link", name="Coffee")).to_have_attribute("aria-current", "page")


@pytest.mark.parametrize(("name", "width", "height"), [("phone", 390, 844), ("desktop", 1280, 900)])
@pytest.mark.parametrize(("page_name", "path"), [("home", "/"), ("product", "/products/hand-grinder/")])
def test_screenshots_at_phone_and_desktop_width(page: Page, live_server, name, width, height, page_name, path):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + path)
    pictures = page.locator("main img")
    expect(pictures.first).to_be_visible()
    # Every picture loaded (the lazy ones too: a full-page screenshot should show them all).
    for picture in pictures.all():
        picture.scroll_into_view_if_needed()
        assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky header lands mid-page in the full-page screenshot

    screenshot = save_screenshot(page, f"{page_name}-{name}")

    assert screenshot.stat().st_size > 10_000
    expect(page.get_by_role("link", name="Corner Store")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/products/hand-grinder/", "/products/no-such-thing/"])
def test_no_serious_accessibility_violations(page: Page, live_server, path):
    page.goto(live_server.url + path)

    violations = serious_accessibility_violations(page)

    assert violations == [], format_violations(violations)
    expect(page.get_by_role("main")).to_be_visible()
