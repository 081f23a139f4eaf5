"""The one rule for "can this line be bought, how many, and why not", and every sentence that says so.

A line (a quantity of a product) gets a ``LineAvailability``: a code, how many of it can be bought, and
the message for its code. The cart line, the totals and badge (``cart.selectors.cart_summary``), the
mini-cart, checkout (``orders.selectors.checkout_problems``) and the cart services all ask here, so the
cart never offers what checkout refuses, and each message is written once, in both languages.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from web.localization import isolate, localize_digits

OK = "ok"
INACTIVE = "inactive"  # the product is no longer sold
OUT_OF_STOCK = "out_of_stock"
REDUCED = "reduced"  # fewer are available than the line holds
BLOCKING = {INACTIVE, OUT_OF_STOCK, REDUCED}


@dataclass(frozen=True)
class LineAvailability:
    code: str
    quantity: int  # what the line holds or asks for
    available: int  # what the shop can sell of the product now
    name: str  # the product's name, for the messages that say it

    @property
    def buyable(self) -> int:
        """What the line's subtotal and the cart's totals count."""
        return 0 if self.code in (INACTIVE, OUT_OF_STOCK) else min(self.quantity, self.available)

    @property
    def sellable(self) -> bool:
        """The product can be bought at all: the line's quantity can be changed."""
        return self.code not in (INACTIVE, OUT_OF_STOCK)

    @property
    def blocks_checkout(self) -> bool:
        return self.code in BLOCKING

    @property
    def problem(self) -> str:
        """Why not, naming the product: checkout's list, the refusal of a change."""
        product = isolate(self.name)
        if self.code == INACTIVE:
            return _("%(product)s is no longer sold.") % {"product": product}
        if self.code == OUT_OF_STOCK:
            return _("%(product)s is out of stock.") % {"product": product}
        if self.code == REDUCED:
            return _("Only %(left)s of %(product)s left — you have %(quantity)s in your cart.") % {
                "left": localize_digits(self.available),
                "product": product,
                "quantity": localize_digits(self.quantity),
            }
        return ""

    @property
    def notice(self) -> str:
        """Why not, under the line itself."""
        if self.code == INACTIVE:
            return _("No longer sold — not included in the total.")
        if self.code == OUT_OF_STOCK:
            return _("Out of stock — not included in the total.")
        if self.code == REDUCED:
            return _("Only %(left)s left — quantity reduced to %(left)s.") % {"left": localize_digits(self.available)}
        return ""


def line_availability(*, quantity: int, available: int, is_active: bool, name: str = "") -> LineAvailability:
    """The verdict on ``quantity`` of a product with ``available`` units to sell, sold or not."""
    if not is_active:
        code = INACTIVE
    elif available <= 0:
        code = OUT_OF_STOCK
    elif quantity > available:
        code = REDUCED
    else:
        code = OK
    return LineAvailability(code=code, quantity=quantity, available=max(available, 0), name=name)


def most_for_a_line(available: int) -> int:
    """The largest quantity one line may hold now: what is available, and never above CART_MAX_LINE_QUANTITY."""
    return min(available, settings.CART_MAX_LINE_QUANTITY)


def capped_quantity(*, wanted: int, available: int) -> tuple[int, str]:
    """The quantity the shop can honour of ``wanted``, and what to tell the shopper if it is less."""
    if wanted <= most_for_a_line(available):
        return wanted, ""
    if available <= settings.CART_MAX_LINE_QUANTITY:
        left = localize_digits(available)
        return available, _("Only %(left)s left — quantity set to %(left)s.") % {"left": left}
    limit = settings.CART_MAX_LINE_QUANTITY
    return limit, _("You can buy at most %(limit)s of one product — quantity set to %(limit)s.") % {
        "limit": localize_digits(limit)
    }


def at_most_message(*, quantity: int, available: int) -> str:
    """Why one more cannot be added to a line that holds ``quantity``, the most it may."""
    if quantity >= settings.CART_MAX_LINE_QUANTITY:
        return _("You already have the most we sell of one product (%(quantity)s).") % {
            "quantity": localize_digits(quantity)
        }
    return _("Only %(left)s left — you already have %(quantity)s in your cart.") % {
        "left": localize_digits(available),
        "quantity": localize_digits(quantity),
    }
