from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TypedDict

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString

from config.reversing import html_reverser
from store.models import Product
from store.money import dollars

from .models import Cart, CartItem


@dataclass(frozen=True)
class CartSummary:
    line_count: int
    item_count: int
    total: Decimal

    @property
    def is_empty(self) -> bool:
        return self.line_count == 0


CENT = Decimal("0.01")


def cents(amount: Decimal | float) -> Decimal:
    """An amount read with plain SQL, to the cent: SQLite hands decimals back as floats."""
    return Decimal(amount).quantize(CENT)


EMPTY_SUMMARY = CartSummary(line_count=0, item_count=0, total=Decimal("0.00"))


@dataclass(frozen=True)
class LineUrls:
    """Where a line links to, as functions of the product's slug or the line's id.

    Looked up once for a whole cart, not per line, and ready for HTML (config/reversing.py).
    """

    product: Callable[[str], SafeString]
    set_quantity: Callable[[int], SafeString]
    increase: Callable[[int], SafeString]
    decrease: Callable[[int], SafeString]
    remove: Callable[[int], SafeString]

    @classmethod
    def current(cls) -> "LineUrls":
        return cls(
            product=html_reverser(Product.URL_NAME, "slug"),
            set_quantity=html_reverser("cart:set_quantity", "item_id"),
            increase=html_reverser("cart:increase", "item_id"),
            decrease=html_reverser("cart:decrease", "item_id"),
            remove=html_reverser("cart:remove", "item_id"),
        )


# Where product pictures are stored, to turn a picture's name into its URL without a model instance.
_image_storage = Product._meta.get_field("image").storage


class CartLine(TypedDict):
    """A cart line as the shopper sees it, with what changed since it was added.

    Everything the line's markup prints is worked out once, here: a cart page prints
    hundreds of lines, and each property call, URL reversal, localized number, escape or
    attribute lookup in the template was paid on every one (docs/PERFORMANCE.md). The
    product's name and the URLs are escaped already. A dict, because templates try a key
    before an attribute: an object costs a caught exception per lookup.
    """

    id: int
    element_id: SafeString  # "line-<id>", the element a change replaces
    quantity_input_id: SafeString
    product_name: SafeString
    product_url: SafeString
    image_url: str  # "" when the product has no picture
    price: SafeString  # today's, as shown: "$12.50"
    added_price: SafeString  # when it was added, as shown
    quantity: int  # as stored; may exceed what is left in stock
    stock: int
    is_active: bool
    is_available: bool  # still sold and in stock
    buyable_quantity: int  # what the total counts
    subtotal: SafeString  # as shown
    quantity_reduced: bool  # stock fell below the quantity
    price_changed: bool
    has_notice: bool
    set_quantity_url: SafeString
    increase_url: SafeString
    decrease_url: SafeString
    remove_url: SafeString


def _line(
    *,
    line_id: int,
    quantity: int,
    added_price: Decimal,
    name: str,
    slug: str,
    price: Decimal,
    stock: int,
    is_active: bool,
    image: str,
    urls: LineUrls,
) -> CartLine:
    is_available = is_active and stock > 0
    buyable_quantity = min(quantity, stock) if is_active else 0
    quantity_reduced = is_available and quantity > stock
    price_changed = is_active and added_price != price
    return CartLine(
        id=line_id,
        element_id=SafeString(f"line-{line_id}"),
        quantity_input_id=SafeString(f"quantity-{line_id}"),
        product_name=escape(name),
        product_url=urls.product(slug),
        image_url=_image_storage.url(image) if image else "",
        price=dollars(price),
        added_price=dollars(added_price),
        quantity=quantity,
        stock=stock,
        is_active=is_active,
        is_available=is_available,
        buyable_quantity=buyable_quantity,
        subtotal=dollars(price * buyable_quantity),
        quantity_reduced=quantity_reduced,
        price_changed=price_changed,
        has_notice=not is_available or quantity_reduced or price_changed,
        set_quantity_url=urls.set_quantity(line_id),
        increase_url=urls.increase(line_id),
        decrease_url=urls.decrease(line_id),
        remove_url=urls.remove(line_id),
    )


def cart_line(item: CartItem) -> CartLine:
    """The line of an item loaded with its product."""
    product = item.product
    return _line(
        line_id=item.pk,
        quantity=item.quantity,
        added_price=item.unit_price,
        name=product.name,
        slug=product.slug,
        price=product.price,
        stock=product.stock,
        is_active=product.is_active,
        image=product.image.name,
        urls=LineUrls.current(),
    )


def _user_items(user: AbstractBaseUser):
    return CartItem.objects.filter(cart__user=user)


# What a line shows, by the name ``_line()`` takes it under.
_LINE_COLUMNS = {
    "line_id": "id",
    "quantity": "quantity",
    "added_price": "unit_price",
    "name": "product__name",
    "slug": "product__slug",
    "price": "product__price",
    "stock": "product__stock",
    "is_active": "product__is_active",
    "image": "product__image",
}


def cart_lines(*, user: AbstractBaseUser) -> list[CartLine]:
    """Every line of the user's cart with its product, in one query whatever the size.

    Plain values rather than model instances: building two instances per line cost more
    than the query.
    """
    rows = _user_items(user).order_by("created_at", "id").values_list(*_LINE_COLUMNS.values())
    urls = LineUrls.current()
    return [_line(**dict(zip(_LINE_COLUMNS, row, strict=True)), urls=urls) for row in rows]


def cart_has_line(*, user: AbstractBaseUser, item_id: int) -> bool:
    """Whether the line is in this user's cart: another shopper's line is not."""
    return _user_items(user).filter(pk=item_id).exists()


def quoted_tables() -> tuple[str, str, str]:
    """The line, cart and product tables, quoted for plain SQL."""
    return tuple(connection.ops.quote_name(model._meta.db_table) for model in (CartItem, Cart, Product))


@cache
def _summary_sql() -> str:
    line, cart, product = quoted_tables()
    # What a line can really be bought at: its quantity, but no more than the stock.
    buyable = "CASE WHEN l.quantity < p.stock THEN l.quantity ELSE p.stock END"
    return f"""
        SELECT COUNT(*),
               SUM(CASE WHEN p.is_active THEN {buyable} END),
               SUM(CASE WHEN p.is_active THEN {buyable} * p.price END)
        FROM {line} l
        JOIN {cart} c ON c.id = l.cart_id
        JOIN {product} p ON p.id = l.product_id
        WHERE c.user_id = %s
    """


def cart_summary(*, user: AbstractBaseUser | AnonymousUser) -> CartSummary:
    """Line count, item count and total for the badge and totals, in one query.

    Inactive products and units beyond stock are not counted: they cannot be bought.
    Plain SQL because every page and every cart change shows these: building the
    same aggregate with the ORM cost several times what the database takes to run it.
    """
    if not user.is_authenticated:
        return EMPTY_SUMMARY
    with connection.cursor() as cursor:
        cursor.execute(_summary_sql(), [user.pk])
        line_count, item_count, total = cursor.fetchone()
    return CartSummary(line_count=line_count, item_count=item_count or 0, total=cents(total or 0))
