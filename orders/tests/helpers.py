"""Shared by the orders tests: a shopper with a cart, and placing their checkout as the form would."""

import re
import uuid
from decimal import Decimal

from django.urls import reverse

from cart.models import CartItem
from orders import services
from orders.models import ShippingMethod
from orders.selectors import checkout_quote
from orders.services import ShippingDetails
from tests.factories import ShippingMethodFactory


def shipping_details(method: ShippingMethod | None = None, *, country: str = "US") -> ShippingDetails:
    return ShippingDetails(
        email="ada@example.com",
        address={
            "full_name": "Ada Lovelace",
            "street": "12 Analytical Row",
            "city": "Springfield",
            "postal_code": "12345",
            "country": country,
            "phone": "",
        },
        shipping_method=method or ShippingMethodFactory(),
    )


def shown_total(user, method: ShippingMethod, country: str = "US") -> Decimal:
    """The total the checkout page shows this shopper right now."""
    items = list(CartItem.objects.filter(cart__user=user).select_related("product"))
    return checkout_quote(items=items, shipping_method=method, country=country).total


def place(
    user,
    *,
    token: uuid.UUID | None = None,
    expected_total: Decimal | None = None,
    country: str = "US",
    language: str = "en",
):
    method = ShippingMethodFactory()
    return services.order_place(
        user=user,
        details=shipping_details(method, country=country),
        checkout_token=token or uuid.uuid4(),
        expected_total=shown_total(user, method, country) if expected_total is None else expected_total,
        language=language,
    )


def checkout_form(shopper_client) -> dict:
    """What the checkout page's form would submit, filled in."""
    page = shopper_client.get(reverse("orders:checkout")).content.decode()
    token = re.search(r'name="checkout_token" value="([^"]+)"', page).group(1)
    total = re.search(r'name="expected_total" value="([^"]+)"', page).group(1)
    method = re.search(r'name="shipping_method" value="(\d+)"[^>]*checked', page).group(1)
    return {
        "email": "ada@example.com",
        "full_name": "Ada Lovelace",
        "street": "12 Analytical Row",
        "city": "Springfield",
        "postal_code": "12345",
        "country": "US",
        "phone": "",
        "shipping_method": method,
        "checkout_token": token,
        "expected_total": total,
    }
