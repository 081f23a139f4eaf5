"""Low stock: one email to the staff per crossing of a product's threshold, after commit."""

import pytest
from django.urls import reverse

from store.models import LowStockAlert, Product, StockReason
from store.services import stock_adjust, stock_allocate, stock_release
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    UserFactory(username="owner", email="owner@example.com", is_staff=True)
    UserFactory(username="clerk", email="clerk@example.com", is_staff=True)
    UserFactory(username="shopper", email="shopper@example.com")


def sell(product: Product, units: int, callbacks) -> None:
    with callbacks(execute=True):
        stock_allocate(order=None, quantities={product.pk: units})


def test_one_email_per_crossing_not_one_per_order(staff, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.SHOP_LOW_STOCK_THRESHOLD = 5
    mug = ProductFactory(name="Blue Mug", stock=8)

    sell(mug, 2, django_capture_on_commit_callbacks)  # 6: above
    assert mailoutbox == []
    sell(mug, 1, django_capture_on_commit_callbacks)  # 5: crossed
    sell(mug, 1, django_capture_on_commit_callbacks)  # 4: still low, no second email
    sell(mug, 4, django_capture_on_commit_callbacks)  # 0

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.subject == "Corner Store: low stock of Blue Mug"
    assert sorted(email.to) == ["clerk@example.com", "owner@example.com"]
    assert "Blue Mug is down to 5 available (low stock at 5)." in email.body
    assert reverse("admin:store_product_stock", args=[mug.pk]) in email.body
    assert LowStockAlert.objects.get().sent_at is not None

    # Goods received lift it above; falling again is a new crossing.
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=mug, change=20, reason=StockReason.RECEIPT)
    sell(mug, 16, django_capture_on_commit_callbacks)  # 20 → 4
    assert len(mailoutbox) == 2


def test_a_product_s_own_threshold_wins(staff, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.SHOP_LOW_STOCK_THRESHOLD = 5
    mug = ProductFactory(stock=8, low_stock_threshold=2)

    sell(mug, 4, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    sell(mug, 2, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_nothing_is_sent_when_the_change_is_rolled_back(
    staff, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SHOP_LOW_STOCK_THRESHOLD = 5
    mug = ProductFactory(stock=6)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stock_allocate(order=None, quantities={mug.pk: 2})

    assert callbacks  # the alert waits for the commit, which never comes
    assert mailoutbox == []
    assert LowStockAlert.objects.get().sent_at is None


def test_releasing_units_never_alerts(staff, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.SHOP_LOW_STOCK_THRESHOLD = 5
    mug = ProductFactory(stock=10)
    sell(mug, 6, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        stock_release(order=None, quantities={mug.pk: 6}, reason=StockReason.CANCELLATION)

    assert len(mailoutbox) == 1


def test_the_admin_lists_products_low_on_stock(admin_client, settings):
    settings.SHOP_LOW_STOCK_THRESHOLD = 5
    ProductFactory(name="Plenty", stock=50)
    ProductFactory(name="Few", stock=3)
    ProductFactory(name="Own threshold", stock=8, low_stock_threshold=10)

    response = admin_client.get(reverse("admin:store_product_changelist"), {"stock": "low"})

    assert [product.name for product in response.context["cl"].result_list] == ["Few", "Own threshold"]
    assert "Low stock" in response.content.decode()
