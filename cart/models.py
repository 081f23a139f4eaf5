from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from store.models import Product

from .availability import LineAvailability, line_availability

# The one order of a cart's lines, the oldest first: the cart, the mini-cart and checkout list them so, and an order
# keeps it (its lines are inserted in it: orders.services.order_place), so its page and emails do too.
LINE_ORDER = ["created_at", "id"]


class Cart(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart", verbose_name=_("shopper")
    )
    # Moves with every change to what the cart shows (its lines; their products' price, stock, name): a page that
    # shows an older version is behind, and its other tabs and devices fetch the cart again (cart.services).
    version = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the cart last became an order (its lines went into the order): the owner sees it as converted.
    converted_at = models.DateTimeField(_("last ordered"), null=True, blank=True)
    # When the shopper last opened checkout: a step of the dashboard's funnel.
    checkout_opened_at = models.DateTimeField(_("checkout last opened"), null=True, blank=True)
    # What the owner lists and filters carts by, kept by the same UPDATE that moves the version
    # (cart.services.cart_mark_changed), so the carts admin reads columns instead of adding up every cart's lines:
    # when the shopper last changed the lines (an order placed included; not the owner's product changes),
    # how many lines, and their value at today's prices (products no longer sold left out).
    lines_changed_at = models.DateTimeField(_("last change"), default=timezone.now)
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, default=Decimal("0.00"))

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")
        # The carts admin lists the latest changed first, or the most valuable.
        indexes = [
            models.Index(fields=["lines_changed_at", "id"], name="cart_lines_changed_at_id"),
            models.Index(fields=["value", "id"], name="cart_value_id"),
        ]

    def __str__(self) -> str:
        return gettext("Cart of %(shopper)s") % {"shopper": self.user}


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+", verbose_name=_("product"))
    quantity = models.PositiveIntegerField(_("quantity"))
    # What the shopper saw when adding, so the cart can point out a price change.
    unit_price = models.DecimalField(_("price when added"), max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = LINE_ORDER
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")
        constraints = [
            models.UniqueConstraint(fields=["cart", "product"], name="cart_item_one_line_per_product"),
            # The bound comes from settings; changing CART_MAX_LINE_QUANTITY needs a migration.
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=settings.CART_MAX_LINE_QUANTITY),
                name="cart_item_quantity_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product}"

    # What the shopper is told about the line: the product may have changed since it was added.

    @property
    def availability(self) -> LineAvailability:
        """Whether the line can be bought as it is, how many of it, and why not (cart/availability.py)."""
        product = self.product
        return line_availability(
            quantity=self.quantity, available=product.available, is_active=product.is_active, name=product.name
        )

    @property
    def price_changed(self) -> bool:
        return self.product.is_active and self.unit_price != self.product.price

    @property
    def subtotal(self) -> Decimal:
        return self.product.price * self.availability.buyable
