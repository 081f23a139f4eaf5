"""Arbitrary text, numbers and bytes in every view's parameters and form fields: never a 5xx, and a
refused request changes nothing in the database. Runs on whichever database the suite uses."""

from decimal import Decimal
from urllib.parse import quote, quote_from_bytes

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cart.models import Cart, CartItem
from store.models import Category, Product
from tests.factories import CartItemFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

# Modest, so the suite stays quick; the database keeps what each example leaves behind.
fuzz = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

HTMX = {"HTTP_HX_REQUEST": "true"}
# Every request's rejected input must leave these as they were.
TABLES = (get_user_model(), EmailAddress, Cart, CartItem, Product, Category)

numbers = st.one_of(
    st.integers(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True, allow_infinity=True)
).map(str)
# Known troublemakers, so that 40 examples surely try them: NUL (PostgreSQL refuses it in text),
# SQL and markup fragments, numbers too big for any column, a string longer than any field.
nasty = st.sampled_from(["\x00", "tea\x00", "' OR '1'='1' --", "<script>", "9" * 40, "-1", "1e999", "x" * 5000])
# Text (any Unicode), numbers, and bytes that need not be UTF-8 (sent percent-encoded).
form_values = st.one_of(nasty, st.text(), numbers)
values = st.one_of(form_values, st.binary())
ids = st.one_of(st.integers(min_value=0), st.integers(min_value=2**31 - 2, max_value=2**70))


def encoded(value: str | bytes) -> str:
    return quote_from_bytes(value, safe="") if isinstance(value, bytes) else quote(value, safe="")


def query(**params: str | bytes) -> str:
    return "&".join(f"{name}={encoded(value)}" for name, value in params.items())


def snapshot() -> dict:
    """Every row of the shop's own tables, as plain values."""
    return {model.__name__: sorted(map(repr, model.objects.values_list())) for model in TABLES}


@pytest.fixture
def shopper_client_seeing_errors(client_seeing_errors, user):
    """``client_seeing_errors``, logged in as ``user``."""
    client_seeing_errors.force_login(user)
    return client_seeing_errors


@pytest.fixture
def products():
    ProductFactory(name="Blue Kettle", price=Decimal("30.00"), stock=5)
    ProductFactory(name="Red Tea", price=Decimal("4.50"), stock=0)


@fuzz
@given(q=values, category=values, sort=values, page=values, htmx=st.booleans())
def test_the_catalog_answers_any_query(client_seeing_errors, products, q, category, sort, page, htmx):
    response = client_seeing_errors.get(
        f"/?{query(q=q, category=category, sort=sort, page=page)}", **(HTMX if htmx else {})
    )

    assert response.status_code < 500


@fuzz
@given(slug=values)
def test_a_product_page_answers_any_slug(client_seeing_errors, products, slug):
    assert client_seeing_errors.get(f"/products/{encoded(slug)}/").status_code < 500


@fuzz
@given(product_id=ids, quantity=form_values, next_url=form_values)
def test_add_to_cart_answers_any_product_and_quantity(
    shopper_client_seeing_errors, products, product_id, quantity, next_url
):
    before = snapshot()

    response = shopper_client_seeing_errors.post(
        f"/cart/add/{product_id}/", {"quantity": quantity, "next": next_url}, **HTMX
    )

    assert response.status_code < 500
    if response.status_code >= 400:
        assert snapshot() == before


@fuzz
@given(action=st.sampled_from(["increase", "decrease", "quantity", "remove"]), quantity=form_values, data=st.data())
def test_cart_line_changes_answer_any_line_and_quantity(
    shopper_client_seeing_errors, user, products, action, quantity, data
):
    own_line = CartItemFactory(cart__user=user, product=Product.objects.get(name="Blue Kettle"), quantity=2)
    line = data.draw(st.one_of(st.just(own_line.pk), ids, form_values), label="line")
    before = snapshot()

    response = shopper_client_seeing_errors.post(f"/cart/items/{action}/", {"line": line, "quantity": quantity}, **HTMX)

    assert response.status_code < 500
    if response.status_code >= 400:
        assert snapshot() == before
    CartItem.objects.filter(cart__user=user).delete()


@fuzz
@given(login=form_values, password=form_values, remember=form_values)
def test_login_answers_any_input_and_changes_nothing(client_seeing_errors, user, login, password, remember):
    before = snapshot()

    response = client_seeing_errors.post(
        "/accounts/login/", {"login": login, "password": password, "remember": remember}
    )

    assert response.status_code < 500
    assert snapshot() == before


@fuzz
@given(email=form_values, password1=form_values, password2=form_values)
def test_sign_up_answers_any_input_and_refusals_change_nothing(client_seeing_errors, email, password1, password2):
    before = snapshot()

    response = client_seeing_errors.post(
        "/accounts/signup/", {"email": email, "password1": password1, "password2": password2}
    )

    assert response.status_code < 500
    if response.status_code != 302:
        assert snapshot() == before


@fuzz
@given(email=form_values)
def test_password_reset_answers_any_email_and_changes_nothing(client_seeing_errors, user, email):
    before = snapshot()

    response = client_seeing_errors.post("/accounts/password/reset/", {"email": email})

    assert response.status_code < 500
    assert snapshot() == before


@fuzz
@given(q=values, order=values, page=values, active=values, category=values, created=values)
def test_the_admin_product_list_answers_any_search_and_filter(
    client_seeing_errors, products, q, order, page, active, category, created
):
    client_seeing_errors.force_login(UserFactory(username="owner", is_staff=True, is_superuser=True))
    params = query(q=q, o=order, p=page, is_active__exact=active, category__id__exact=category, created_at__gte=created)

    response = client_seeing_errors.get(f"/admin/store/product/?{params}")

    assert response.status_code < 500
