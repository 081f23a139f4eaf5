"""The sales dashboard from seeded orders, payments, carts and reminders: every figure exact, in both languages."""

import datetime
import re
import types
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from payments import PaymentStatus

from cart.models import Cart
from cart.services import cart_add_product
from orders.models import Order, OrderLine, OrderStatus, Payment
from reminders.models import CartReminder
from tests.factories import OrderFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:index")
# A Friday afternoon; "today" starts at midnight (the shop's time zone, UTC in the tests).
NOW = datetime.datetime(2026, 3, 20, 15, 0, tzinfo=datetime.UTC)


def ago(**delta) -> datetime.datetime:
    return NOW - datetime.timedelta(**delta)


@pytest.fixture
def products():
    return {
        "mug": ProductFactory(name="Blue Mug", price=Decimal("10.00"), stock=50),
        "tea": ProductFactory(name="Assam Tea", price=Decimal("4.00"), stock=4),
        "lamp": ProductFactory(name="Desk Lamp", price=Decimal("30.00"), stock=2),
        "kettle": ProductFactory(name="Kettle", price=Decimal("17.00"), stock=10),
        "gone": ProductFactory(name="Old Cup", price=Decimal("3.00"), stock=0, is_active=False),
    }


def shopper(name: str):
    return UserFactory(username=name, email=f"{name}@example.com")


def order(user, placed_at, status, *lines):
    total = sum((product.price * quantity for product, quantity in lines), Decimal("0.00"))
    placed = OrderFactory(user=user, status=status, subtotal=total, shipping_cost=Decimal("0.00"), total=total)
    for product, quantity in lines:
        OrderLine.objects.create(
            order=placed,
            product=product,
            product_name=product.name,
            product_reference=product.slug,
            unit_price=product.price,
            quantity=quantity,
            line_total=product.price * quantity,
            vat_amount=Decimal("0.00"),
        )
    Order.objects.filter(pk=placed.pk).update(created_at=placed_at)
    return placed


def cart(user, changed_at, *lines, checkout_opened_at=None):
    for product, quantity in lines:
        cart_add_product(user=user, product=product, quantity=quantity)
    Cart.objects.filter(user=user).update(lines_changed_at=changed_at, checkout_opened_at=checkout_opened_at)


@pytest.fixture
def shop(products, settings, monkeypatch):
    """Shoppers A to J, each at a known step (see the figures each test expects)."""
    settings.SHOP_CART_ABANDONED_HOURS = 10
    monkeypatch.setattr("dashboard.views.timezone", types.SimpleNamespace(now=lambda: NOW))
    mug, tea, lamp, kettle = products["mug"], products["tea"], products["lamp"], products["kettle"]
    paid = OrderStatus.PAID
    cart(shopper("a"), ago(hours=1), (mug, 1))  # active cart, no checkout
    cart(shopper("b"), ago(hours=2), (tea, 1), checkout_opened_at=ago(hours=1))  # opened checkout
    c = order(shopper("c"), ago(hours=3), OrderStatus.AWAITING_PAYMENT, (mug, 1))  # payment refused
    payment = Payment.objects.create(order=c, variant="default", total=c.total, currency="USD")
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.REJECTED, modified=ago(hours=3))
    order(shopper("d"), ago(hours=5), paid, (mug, 2))  # 20.00 today
    order(shopper("e"), ago(days=3), OrderStatus.SHIPPED, (lamp, 1), (tea, 5))  # 50.00
    cart(shopper("f"), ago(hours=12), (lamp, 1))  # abandoned this morning: 30.00
    cart(shopper("g"), ago(days=20), (tea, 2))  # abandoned 20 days ago: 8.00
    h = shopper("h")
    CartReminder.objects.create(
        cart=Cart.objects.create(user=h), user=h, cart_changed_at=ago(days=3), language="en", sent_at=ago(days=2)
    )
    order(h, ago(days=1), OrderStatus.DELIVERED, (mug, 4))  # 40.00, recovered by the reminder
    order(h, ago(hours=12), paid, (tea, 3))  # 12.00 today: the second order after it, not recovered
    i = shopper("i")
    CartReminder.objects.create(
        cart=Cart.objects.create(user=i), user=i, cart_changed_at=ago(days=11), language="en", sent_at=ago(days=10)
    )
    order(i, ago(days=1), paid, (tea, 2), (kettle, 1))  # 25.00, too long after its reminder
    order(shopper("j"), ago(days=15), paid, (lamp, 2))  # 60.00
    order(shopper("k"), ago(days=2), OrderStatus.CANCELLED, (kettle, 3))  # never paid: counts nowhere but checkout


def cells(page: str, table_id: str) -> list[list[str]]:
    """The table's rows as the text of their cells, tags and surrounding space removed."""
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', page, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>|[ \t\n]+", " ", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def chart_bars(page: str, chart_id: str) -> list[str]:
    """Each bar's text (its <title>) in the chart."""
    chart = re.search(rf'<svg id="{chart_id}".*?</svg>', page, re.S).group(0)
    return re.findall(r'<g class="bar">\s*<title>(.*?)</title>', chart)


def test_sales_for_today_7_and_30_days(admin_client, shop):
    page = admin_client.get(DASHBOARD).content.decode()

    assert cells(page, "sales") == [
        ["", "Today", "Last 7 days", "Last 30 days"],
        ["Paid orders", "2", "5", "6"],
        ["Revenue", "$32.00", "$147.00", "$207.00"],
        ["Average order value", "$16.00", "$29.40", "$34.50"],
        ["Value left in abandoned carts", "$30.00 (1 cart)", "$30.00 (1 cart)", "$38.00 (2 carts)"],
        ["Revenue recovered by reminders", "$0.00 (0 orders)", "$40.00 (1 order)", "$40.00 (1 order)"],
    ]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (
            "today",
            [
                ["Carts with lines", "6", "—"],
                ["Checkout opened", "4", "66.7%"],
                ["Payment attempted", "3", "75%"],
                ["Paid", "2", "66.7%"],
            ],
        ),
        (
            "7d",
            [
                ["Carts with lines", "9", "—"],
                ["Checkout opened", "7", "77.8%"],
                ["Payment attempted", "5", "71.4%"],
                ["Paid", "4", "80%"],
            ],
        ),
        (
            "30d",
            [
                ["Carts with lines", "11", "—"],
                ["Checkout opened", "8", "72.7%"],
                ["Payment attempted", "6", "75%"],
                ["Paid", "5", "83.3%"],
            ],
        ),
    ],
)
def test_the_funnel_and_its_conversions(admin_client, shop, period, expected):
    page = admin_client.get(DASHBOARD, {"period": period}).content.decode()

    assert cells(page, "funnel")[1:] == expected
    # The chart draws the same figures as the table.
    assert chart_bars(page, "funnel-chart") == [f"{label}: {shoppers}" for label, shoppers, _share in expected]


def test_revenue_per_day_chart_equals_its_table(admin_client, shop):
    page = admin_client.get(DASHBOARD).content.decode()

    rows = cells(page, "revenue")[1:]
    assert len(rows) == 30
    assert rows[-1] == ["20 Mar", "2", "$32.00"]
    assert rows[-2] == ["19 Mar", "2", "$65.00"]
    assert rows[-4] == ["17 Mar", "1", "$50.00"]
    assert rows[-16] == ["5 Mar", "1", "$60.00"]
    assert sum(Decimal(row[2].removeprefix("$")) for row in rows) == Decimal("207.00")
    assert chart_bars(page, "revenue-chart") == [f"{day}: {revenue}" for day, _orders, revenue in rows]


def test_top_products_and_low_stock(admin_client, shop):
    page = admin_client.get(DASHBOARD, {"period": "7d"}).content.decode()

    assert cells(page, "top-products")[1:] == [
        ["Assam Tea", "10", "$40.00"],
        ["Blue Mug", "6", "$60.00"],
        ["Desk Lamp", "1", "$30.00"],
        ["Kettle", "1", "$17.00"],
    ]
    assert cells(page, "low-stock")[1:] == [["Desk Lamp", "2"], ["Assam Tea", "4"]]


def test_the_dashboard_in_persian(admin_client, shop):
    page = admin_client.get(DASHBOARD, {"period": "7d"}, HTTP_ACCEPT_LANGUAGE="fa").content.decode()

    assert '<html lang="fa" dir="rtl">' in page
    sales = cells(page, "sales")
    assert sales[1][1:] == ["۲", "۵", "۶"]
    assert sales[2][1:] == ["\u200e$\u00a0۳۲٫۰۰", "\u200e$\u00a0۱۴۷٫۰۰", "\u200e$\u00a0۲۰۷٫۰۰"]
    funnel = cells(page, "funnel")[1:]
    assert [row[1:] for row in funnel] == [["۹", "—"], ["۷", "۷۷٫۸٪"], ["۵", "۷۱٫۴٪"], ["۴", "۸۰٪"]]
    assert chart_bars(page, "funnel-chart") == [f"{row[0]}: {row[1]}" for row in funnel]
    # Days in the Persian calendar: 20 March 2026 is 29 Esfand 1404.
    assert cells(page, "revenue")[-1] == ["۲۹ اسفند", "۲", "\u200e$\u00a0۳۲٫۰۰"]
    assert 'direction="rtl"' in page


def test_the_admin_index_links_to_the_dashboard(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()

    assert f'<a href="{DASHBOARD}">Dashboard</a>' in page


def staff(*permissions: str):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("shopper", 302),
        ("staff without permission", 403),
        ("staff who may view orders only", 403),
        ("staff who may view orders and carts", 200),
        ("superuser", 200),
    ],
)
def test_who_sees_the_dashboard(client, shop, who, status):
    users = {
        "anonymous": None,
        "shopper": UserFactory(),
        "staff without permission": staff(),
        "staff who may view orders only": staff("view_order"),
        "staff who may view orders and carts": staff("view_order", "view_cart"),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    if users[who] is not None:
        client.force_login(users[who])

    response = client.get(DASHBOARD)
    index = client.get(reverse("admin:index"))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("admin:login"))
    if status != 200:
        assert b"$207.00" not in response.content
        assert f'href="{DASHBOARD}"'.encode() not in index.content


def test_opening_checkout_is_a_step_of_the_funnel(admin_client, shopper_client, user):
    cart_add_product(user=user, product=ProductFactory(), quantity=1)

    assert shopper_client.get(reverse("orders:checkout")).status_code == 200
    page = admin_client.get(DASHBOARD, {"period": "today"}).content.decode()

    assert cells(page, "funnel")[1:3] == [["Carts with lines", "1", "—"], ["Checkout opened", "1", "100%"]]
