"""Performance budgets that do not depend on the machine: SQL statements and bytes.

Statements are counted per request with CaptureQueriesContext, transaction
control excluded (BEGIN, COMMIT, SAVEPOINT, RELEASE): a test runs inside a
transaction, where each view's atomic() becomes a savepoint instead of
BEGIN/COMMIT. bench/ measures the time; docs/PERFORMANCE.md has the numbers.
"""

import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cart.models import Cart, CartItem
from store.models import Product
from tests.factories import CategoryFactory, ProductFactory, UserFactory

from .conftest import PNG

pytestmark = pytest.mark.django_db

CART_SIZES = (1, 50, 200)
# An add: session, user, product, cart lock, fresh product, line lock, line write, version, summary. A line's change
# reads no product but sends the totals, with the shipping estimate (the first method and the shopper's last
# country, one statement).
MAX_STATEMENTS_PER_CHANGE = 9
HTMX = {"HTTP_HX_REQUEST": "true"}
TRANSACTION_CONTROL = re.compile(
    r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I
)


class Shopper:
    """A logged-in client with a cart of ``size`` lines and one product not in it."""

    def __init__(self, size: int, products: list[Product]) -> None:
        user = UserFactory()
        cart = Cart.objects.create(user=user)
        CartItem.objects.bulk_create(
            CartItem(cart=cart, product=product, quantity=3, unit_price=product.price) for product in products[:size]
        )
        self.lines = list(CartItem.objects.filter(cart=cart).values_list("pk", flat=True))
        self.line = self.lines[len(self.lines) // 2]
        self.new_product = products[-1]
        self.client = Client()
        self.client.force_login(user)
        self.client.get(reverse("cart:detail"))  # one-time work (first session read) is not the change's

    def page_shows_the_cart(self, *, behind: bool = False) -> None:
        """Requests say the version the page shows, as cart-sync.js does: the cart's own, or one before it."""
        version = Cart.objects.get(user_id=self.client.session["_auth_user_id"]).version
        self.client.defaults["HTTP_X_CART_VERSION"] = str(version - 1 if behind else version)

    def statements(self, request: Callable[[Client], object], *, page_behind: bool = False) -> int:
        self.page_shows_the_cart(behind=page_behind)
        with CaptureQueriesContext(connection) as captured:
            response = request(self.client)
        assert response.status_code == 200
        return sum(1 for query in captured.captured_queries if not TRANSACTION_CONTROL.match(query["sql"]))


@pytest.fixture
def shoppers() -> dict[int, Shopper]:
    category = CategoryFactory()
    # Every line shows a picture, as real ones do (one file shared, so its small variant is made once).
    picture = ProductFactory(image=SimpleUploadedFile("mug.png", PNG, content_type="image/png")).image.name
    products = Product.objects.bulk_create(
        ProductFactory.build_batch(max(CART_SIZES) + 1, category=category, image=picture)
    )
    return {size: Shopper(size, products) for size in CART_SIZES}


CHANGES: dict[str, Callable[[Shopper], Callable[[Client], object]]] = {
    "add": lambda s: lambda c: c.post(reverse("cart:add", args=[s.new_product.pk]), {"quantity": 1}, **HTMX),
    "increase": lambda s: lambda c: c.post(reverse("cart:increase"), {"line": s.line}, **HTMX),
    "decrease": lambda s: lambda c: c.post(reverse("cart:decrease"), {"line": s.line}, **HTMX),
    "set quantity": lambda s: lambda c: c.post(reverse("cart:set_quantity"), {"line": s.line, "quantity": 7}, **HTMX),
    "remove": lambda s: lambda c: c.post(reverse("cart:remove"), {"line": s.lines[-1]}, **HTMX),
}


@pytest.mark.parametrize("change", CHANGES)
def test_each_change_costs_the_same_few_statements_from_1_to_200_lines(shoppers, change):
    counts = {size: shopper.statements(CHANGES[change](shopper)) for size, shopper in shoppers.items()}

    assert len(set(counts.values())) == 1, counts
    assert counts[1] <= MAX_STATEMENTS_PER_CHANGE, counts


@pytest.mark.parametrize("change", ["increase", "set quantity", "remove"])
def test_a_change_looks_its_shipping_estimate_up_once(shoppers, change):
    """The answer shows the estimate in the announcement, the totals and the checkout panel (three partials)."""
    shopper = shoppers[50]
    shopper.page_shows_the_cart()

    with CaptureQueriesContext(connection) as captured:
        response = CHANGES[change](shopper)(shopper.client)

    assert response.status_code == 200
    assert sum('"orders_shippingmethod"' in query["sql"] for query in captured.captured_queries) == 1


@pytest.mark.parametrize("change", ["increase", "remove"])
def test_a_change_from_a_page_behind_the_cart_costs_the_same_statements_from_1_to_200_lines(shoppers, change):
    """It is answered with every line (cart.views.all_lines_changed), read in one query whatever their number."""
    counts = {
        size: shopper.statements(CHANGES[change](shopper), page_behind=True) for size, shopper in shoppers.items()
    }

    assert len(set(counts.values())) == 1, counts
    assert counts[1] <= MAX_STATEMENTS_PER_CHANGE + 1, counts


def test_cart_page_costs_the_same_statements_from_1_to_200_lines(shoppers):
    counts = {
        size: shopper.statements(lambda client: client.get(reverse("cart:detail")))
        for size, shopper in shoppers.items()
    }

    assert len(set(counts.values())) == 1, counts


def test_quantity_change_answer_is_small_and_a_tenth_of_a_full_page_cycle(shoppers):
    shopper = shoppers[50]
    url = reverse("cart:set_quantity")
    shopper.page_shows_the_cart()

    fragment = shopper.client.post(url, {"line": shopper.line, "quantity": 4}, **HTMX)
    redirect = shopper.client.post(url, {"line": shopper.line, "quantity": 5})
    page = shopper.client.get(redirect["Location"])

    assert fragment.status_code == 200
    assert redirect.status_code == 303
    assert page.status_code == 200
    assert 'value="4"' in fragment.content.decode()  # the answer is the changed line, not an error
    assert "<img " in fragment.content.decode()  # with its picture
    full_page_cycle = len(redirect.content) + len(page.content)
    # 2 KiB until the totals carried the shipping estimate (subtotal, shipping, the total checkout will show): 2187 B;
    # 2368 B since Check out (or why not) comes with every change, chosen by the server by the lines' one rule
    # (cart/availability.py) instead of a CSS :has() guess.
    assert len(fragment.content) < 2432
    assert len(fragment.content) * 10 < full_page_cycle, (len(fragment.content), full_page_cycle)
