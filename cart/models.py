from django.conf import settings
from django.db import models
from django.db.models import Q

from store.models import Product


class Cart(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Cart of {self.user}"


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    # What the shopper saw when adding, so the cart can point out a price change.
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
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
