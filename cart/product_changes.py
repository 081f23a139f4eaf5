"""A product's change reaches the carts holding it: their version moves when what they show of it changed.

The owner's forms save products one at a time (``post_save``). A change to a field a cart line shows
(``LINE_FIELDS``: the name, picture, price, whether it is sold) changes every cart holding the product;
a change of stock shows only on lines holding more than the smaller of the two figures ("Only 3 left").
Stock changes come from the stock book (store/services.py), which says so with ``stock_changed``. A deleted
product takes its cart lines with it (CASCADE), so the carts holding it are found before it goes.
The carts' versions move after the product's change commits (cart.services.cart_versions_follow_products).
"""

from typing import cast

from django.db import transaction
from django.db.models import Field
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from store.models import Product
from store.signals import stock_changed

from .models import CartItem
from .selectors import LINE_FIELDS
from .services import cart_versions_follow_products, cart_versions_move

PRODUCT_FIELDS_SHOWN = [name.removeprefix("product__") for name in LINE_FIELDS if name.startswith("product__")]
STOCK_FIELDS = {"on_hand", "allocated"}
SHOWN_BEFORE = "_cart_shown_before"


@receiver(pre_save, sender=Product, dispatch_uid="cart_product_shown_before")
def remember_what_carts_show(sender, instance: Product, raw: bool, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    shown = Product.objects.filter(pk=instance.pk).values(*PRODUCT_FIELDS_SHOWN).first()
    if shown is not None:
        setattr(instance, SHOWN_BEFORE, shown)


@receiver(post_save, sender=Product, dispatch_uid="cart_product_shown_after")
def move_the_versions_of_carts_holding_it(sender, instance: Product, raw: bool, **kwargs) -> None:
    before = instance.__dict__.pop(SHOWN_BEFORE, None)
    if raw or before is None:
        return
    changed = {
        name
        for name, value in before.items()
        if cast(Field, Product._meta.get_field(name)).value_from_object(instance) != value
    }
    if not changed:
        return
    if changed <= STOCK_FIELDS:
        lines_above = min(before["on_hand"] - before["allocated"], instance.available)
    else:
        lines_above = None
    transaction.on_commit(lambda: cart_versions_follow_products(product_ids=[instance.pk], lines_above=lines_above))


@receiver(stock_changed, dispatch_uid="cart_stock_changed")
def move_the_versions_of_carts_above_the_stock(sender, product: Product, available_before: int, **kwargs) -> None:
    lines_above = min(available_before, product.available)
    transaction.on_commit(lambda: cart_versions_follow_products(product_ids=[product.pk], lines_above=lines_above))


@receiver(pre_delete, sender=Product, dispatch_uid="cart_product_deleted")
def move_the_versions_of_carts_losing_it(sender, instance: Product, **kwargs) -> None:
    cart_ids = list(CartItem.objects.filter(product=instance).values_list("cart_id", flat=True))
    if cart_ids:
        transaction.on_commit(lambda: cart_versions_move(cart_ids=cart_ids))
