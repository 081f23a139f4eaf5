"""Reads for checkout and orders: querysets and computed quotes, nothing written."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet, Subquery
from django_countries.fields import Country

from cart.models import CartItem

from .models import Address, Order, ShippingMethod

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def vat_included(amount: Decimal, rate: Decimal) -> Decimal:
    """The VAT inside a price that includes it: amount × rate / (1 + rate)."""
    return to_cents(amount * rate / (1 + rate))


@dataclass(frozen=True)
class QuoteLine:
    item: CartItem
    unit_price: Decimal
    quantity: int

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class Quote:
    """What an order of these cart lines costs with this shipping method to this country, at today's prices."""

    lines: list[QuoteLine]
    subtotal: Decimal
    shipping_method: ShippingMethod | None
    shipping_cost: Decimal
    vat_rate: Decimal
    country: str

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_cost

    @property
    def vat_amount(self) -> Decimal:
        return vat_included(self.total, self.vat_rate)

    @property
    def vat_percent(self) -> str:
        return f"{(self.vat_rate * 100).normalize():f} %"

    @property
    def free_shipping(self) -> bool:
        return self.shipping_method is not None and self.shipping_cost == 0


def checkout_quote(*, items: list[CartItem], shipping_method: ShippingMethod | None, country: str) -> Quote:
    """Prices and quantities as they are now (the product's price, the line's quantity)."""
    lines = [QuoteLine(item=item, unit_price=item.product.price, quantity=item.quantity) for item in items]
    subtotal = to_cents(sum((line.line_total for line in lines), Decimal("0")))
    shipping = shipping_method.cost(subtotal=subtotal, country=country) if shipping_method else Decimal("0.00")
    return Quote(
        lines=lines,
        subtotal=subtotal,
        shipping_method=shipping_method,
        shipping_cost=shipping,
        vat_rate=settings.SHOP_VAT_RATE,
        country=country,
    )


@dataclass(frozen=True)
class ShippingEstimate:
    """What the cart's shipping will cost at checkout: the method it preselects, to the country it fills in."""

    method: ShippingMethod
    country: Country
    subtotal: Decimal

    @property
    def cost(self) -> Decimal:
        return self.method.cost(subtotal=self.subtotal, country=self.country.code)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.cost

    @property
    def missing_for_free(self) -> Decimal | None:
        """How much more the cart needs for free shipping with this method, if it has a threshold not yet reached."""
        free_above = self.method.free_above
        return free_above - self.subtotal if free_above is not None and self.subtotal < free_above else None


def shipping_estimate(*, user: User, subtotal: Decimal) -> ShippingEstimate | None:
    """The cart's shipping as checkout will quote it: its first method, to the address it fills in (the one used
    last, else the shop's home country). None while the shop offers no shipping method."""
    # One statement: every cart change sends the totals again.
    last_country = Subquery(address_list(user=user).values("country")[:1])
    method = shipping_methods().annotate(last_country=last_country).first()
    if method is None:
        return None
    country = Country(code=method.last_country or settings.SHOP_HOME_COUNTRY)
    return ShippingEstimate(method=method, country=country, subtotal=subtotal)


def checkout_problems(*, items: list[CartItem]) -> list[str]:
    """Why these lines cannot be bought as they are (cart/availability.py): the cart page explains and fixes each."""
    return [item.availability.problem for item in items if item.availability.blocks_checkout]


def shipping_methods() -> QuerySet[ShippingMethod]:
    return ShippingMethod.objects.filter(is_active=True)


def address_list(*, user: User) -> QuerySet[Address]:
    """The shopper's address book, the one used last first."""
    return Address.objects.filter(user=user)


def order_list(*, user: User) -> QuerySet[Order]:
    """The shopper's own orders, newest first; anyone else's are not in it."""
    return Order.objects.filter(user=user)


def order_detail(*, user: User, reference: str) -> Order | None:
    return order_list(user=user).prefetch_related("lines").filter(reference=reference.upper()).first()
