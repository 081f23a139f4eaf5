"""The admin carries the shop's name in the owner's language, not Django's."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_index_is_titled_with_the_shops_name_in_english(admin_client, settings):
    settings.SHOP_NAME = "Tea & Things"

    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<title>Run the shop | Tea &amp; Things admin</title>" in page
    assert '<a href="/admin/">Tea &amp; Things administration</a>' in page
    assert "Run the shop</h1>" in page
    assert "Django" not in page


def test_the_admin_index_is_titled_with_the_shops_name_in_persian(admin_client, settings):
    settings.SHOP_NAME = "Tea & Things"

    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()

    # The Latin name keeps its own direction inside the right-to-left title (first strong isolate).
    assert "<title>اداره‌ی فروشگاه | پنل مدیریت \u2068Tea &amp; Things\u2069</title>" in page
    assert '<a href="/admin/">مدیریت \u2068Tea &amp; Things\u2069</a>' in page
    assert 'dir="rtl"' in page
    assert "Django" not in page


def test_the_admin_login_page_is_titled_with_the_shops_name(client):
    page = client.get(reverse("admin:login"), follow=True).content.decode()

    assert "Corner Store" in page
    assert "Django administration" not in page
