"""The carts admin: each cart with its shopper, lines, value, last change and state; seen by staff, changed by none."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from cart.models import Cart, CartItem
from cart.services import cart_add_product
from orders.tests.helpers import place
from store.models import Product
from tests.factories import CartFactory, CartItemFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:cart_cart_changelist")


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def cart_with_lines(email: str, *lines: tuple[Decimal, int], changed_hours_ago: float) -> Cart:
    user = UserFactory(username=email.split("@")[0], email=email)
    for price, quantity in lines:
        cart_add_product(user=user, product=ProductFactory(price=price), quantity=quantity)
    Cart.objects.filter(user=user).update(lines_changed_at=hours_ago(changed_hours_ago))
    return Cart.objects.get(user=user)


@pytest.fixture
def carts(settings, django_capture_on_commit_callbacks):
    settings.SHOP_CART_ABANDONED_HOURS = 10
    active = cart_with_lines("ann@example.com", (Decimal("12.50"), 2), (Decimal("5.00"), 1), changed_hours_ago=1)
    abandoned = cart_with_lines("bob@example.com", (Decimal("80.00"), 3), (Decimal("99.00"), 1), changed_hours_ago=11)
    # A product no longer sold counts for nothing: the owner's change recounts the carts holding it.
    withdrawn = Product.objects.get(price=Decimal("99.00"))
    withdrawn.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.save()
    converted = cart_with_lines("cy@example.com", (Decimal("7.00"), 1), changed_hours_ago=3)
    place(converted.user)
    empty = CartFactory(user=UserFactory(username="di", email="di@example.com"))
    return {"active": active, "abandoned": abandoned, "converted": converted, "empty": empty}


def listed(response) -> dict[str, tuple]:
    return {cart.user.email: (cart.line_count, cart.value, cart.state) for cart in response.context["cl"].result_list}


def test_every_cart_with_its_lines_value_and_state(admin_client, carts):
    response = admin_client.get(CHANGELIST)

    assert listed(response) == {
        "ann@example.com": (2, Decimal("30.00"), "active"),
        "bob@example.com": (2, Decimal("240.00"), "abandoned"),
        "cy@example.com": (0, Decimal("0.00"), "converted"),
        "di@example.com": (0, Decimal("0.00"), "empty"),
    }
    assertContains(response, '<td class="field-value_shown">$240.00</td>')
    assertContains(response, '<td class="field-state_shown">Converted into an order</td>')


def test_the_list_speaks_the_owners_language(admin_client, carts):
    Cart.objects.filter(pk=carts["active"].pk).update(
        lines_changed_at=datetime.datetime(2024, 3, 20, 9, 5, tzinfo=datetime.UTC)
    )

    response = admin_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="fa")

    assertContains(response, '<td class="field-value_shown">\u200e$\u00a0۲۴۰٫۰۰</td>')
    assertContains(response, '<td class="field-last_change_shown">۱ فروردین ۱۴۰۳، ۰۹:۰۵</td>')
    assertContains(response, '<td class="field-lines">۲</td>')
    assertContains(response, "رهاشده")


@pytest.mark.parametrize(
    ("state", "emails"),
    [
        ("active", {"ann@example.com"}),
        ("abandoned", {"bob@example.com"}),
        ("converted", {"cy@example.com"}),
        ("empty", {"di@example.com"}),
    ],
)
def test_filter_by_state(admin_client, carts, state, emails):
    assert set(listed(admin_client.get(CHANGELIST, {"state": state}))) == emails


def test_the_abandoned_threshold_is_configurable(admin_client, carts, settings):
    settings.SHOP_CART_ABANDONED_HOURS = 12

    assert set(listed(admin_client.get(CHANGELIST, {"state": "active"}))) == {"ann@example.com", "bob@example.com"}


def test_a_cart_changed_after_its_last_order_is_active_again(admin_client, carts):
    cart_add_product(user=carts["converted"].user, product=ProductFactory(), quantity=1)

    assert listed(admin_client.get(CHANGELIST))["cy@example.com"] == (1, Decimal("10.00"), "active")


@pytest.mark.parametrize(
    ("band", "label", "emails"),
    [
        ("0", "Under $50.00", {"ann@example.com", "cy@example.com", "di@example.com"}),
        ("1", "$50.00 to under $200.00", set()),
        ("2", "$200.00 or more", {"bob@example.com"}),
    ],
)
def test_filter_by_value(admin_client, carts, band, label, emails):
    response = admin_client.get(CHANGELIST, {"value": band})

    assert set(listed(response)) == emails
    assertContains(response, label)


def test_search_by_the_shoppers_email(admin_client, carts):
    assert set(listed(admin_client.get(CHANGELIST, {"q": "bob@exa"}))) == {"bob@example.com"}


def test_a_cart_is_shown_read_only_and_cannot_be_changed_added_or_deleted(admin_client, carts):
    cart = carts["active"]
    change_url = reverse("admin:cart_cart_change", args=[cart.pk])

    page = admin_client.get(change_url)
    listing = admin_client.get(CHANGELIST).content.decode()

    assertContains(page, "ann@example.com")
    assertContains(page, '<td class="field-unit_price_shown"><p>$12.50</p></td>', html=True)
    assert 'name="_save"' not in page.content.decode()
    form = page.content.decode().split('id="cart_form"')[1].split("</form>")[0]
    assert all('type="hidden"' in field for field in re.findall(r"<(?:input|select|textarea)[^>]*>", form))
    assert reverse("admin:cart_cart_add") not in listing
    assert 'name="action"' not in listing  # no bulk delete
    assert admin_client.post(change_url, {}).status_code == 403
    assert admin_client.get(reverse("admin:cart_cart_add")).status_code == 403
    assert admin_client.post(reverse("admin:cart_cart_delete", args=[cart.pk]), {"post": "yes"}).status_code == 403
    assert CartItem.objects.filter(cart=cart).count() == 2


def staff(*permissions: str):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),  # to the login page
        ("shopper", 302),  # to the login page, as staff
        ("staff without permission", 403),
        ("staff who may view carts", 200),
        ("superuser", 200),
    ],
)
def test_who_sees_the_carts(client, carts, who, status):
    users = {
        "anonymous": None,
        "shopper": UserFactory(),
        "staff without permission": staff("view_order"),
        "staff who may view carts": staff("view_cart"),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    if users[who] is not None:
        client.force_login(users[who])

    for url in (CHANGELIST, reverse("admin:cart_cart_change", args=[carts["abandoned"].pk])):
        response = client.get(url)
        assert response.status_code == status
        if status == 302:
            assert response["Location"].startswith(reverse("admin:login"))
        if status != 200:
            assert b"bob@example.com" not in response.content


def test_a_page_costs_the_same_statements_for_4_or_54_carts(admin_client, carts):
    def statements() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(CHANGELIST).status_code == 200
        return len(captured)

    few = statements()
    for number in range(50):
        cart_with_lines(f"s{number}@example.com", (Decimal("3.00"), 1), changed_hours_ago=number)

    assert statements() == few


def test_placing_an_order_converts_the_cart(admin_client):
    item = CartItemFactory(cart__user=UserFactory(username="eve", email="eve@example.com"))
    place(item.cart.user)

    assert listed(admin_client.get(CHANGELIST))["eve@example.com"] == (0, Decimal("0.00"), "converted")
