"""An "Add to cart" made while logged out, kept in the session and applied at login.

It is stored from the CSRF-protected POST, never from a URL, so no link can
fill someone's cart. Login, sign-up and social login all send ``user_logged_in``.
"""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext as _

from store.models import Product
from web.localization import isolate

from .services import CartError, cart_add_product

PENDING_ADD_SESSION_KEY = "cart_pending_add"


def remember_pending_add(request: HttpRequest, *, product: Product, quantity: int) -> None:
    request.session[PENDING_ADD_SESSION_KEY] = {"product_id": product.pk, "quantity": quantity}
    messages.info(request, _("Log in to add %(product)s to your cart.") % {"product": isolate(product.name)})


@receiver(user_logged_in, dispatch_uid="cart_apply_pending_add")
def apply_pending_add(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    pending = request.session.pop(PENDING_ADD_SESSION_KEY, None)
    if not pending:
        return
    product = Product.objects.filter(pk=pending["product_id"]).first()
    if product is None:
        return
    try:
        change = cart_add_product(user=user, product=product, quantity=pending["quantity"])
    except CartError as error:
        messages.warning(request, error.message)
        return
    messages.success(
        request, change.notice or _("Added %(product)s to your cart.") % {"product": isolate(product.name)}
    )
