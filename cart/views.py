"""Cart views: parse the request, call a service, answer with a fragment (htmx) or a redirect.

Every change is a POST. With ``HX-Request`` the answer is the changed line plus
out-of-band updates of the badge, the totals and the toast region; without
JavaScript the same form gets a 303 back to where the shopper was.
"""

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from store.models import Product
from web.decorators import shopper_required
from web.http import HtmxHttpRequest, login_redirect, refuse, see_other, shopper_page
from web.messages import success_with_action

from . import services
from .forms import AddForm, SetQuantityForm
from .pending import remember_pending_add
from .selectors import cart_has_line, cart_items
from .services import CartChange, CartError, RemovedLine

UNDO_SESSION_KEY = "cart_undo"


def tell_shopper(request: HtmxHttpRequest, change: CartChange, success: str = "") -> None:
    """What the shop had to adjust, if anything; else the success message, if there is one."""
    if change.notice:
        messages.warning(request, change.notice)
    elif success:
        messages.success(request, success)


def line_changed(request: HtmxHttpRequest, change: CartChange) -> HttpResponse:
    """The changed line (nothing when it was removed) and the totals; without JavaScript, back to the page."""
    if request.htmx:
        return render(request, "cart/detail.html#change", {"item": change.item})
    return see_other(shopper_page(request, fallback="cart:detail"))


@require_GET
@shopper_required
def cart_detail(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "cart/detail.html", {"items": cart_items(user=request.user)})


@require_POST
def add(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=product_id)
    form = AddForm(request.POST)
    if not form.is_valid():
        return refuse(request, form.errors["quantity"][0], fallback=product.get_absolute_url())
    quantity = form.cleaned_data["quantity"]
    if not request.user.is_authenticated:
        # Kept in the session, applied when the shopper logs in (see cart.pending).
        remember_pending_add(request, product=product, quantity=quantity)
        return login_redirect(request)
    try:
        change = services.cart_add_product(user=request.user, product=product, quantity=quantity)
    except CartError as error:
        return refuse(request, error.message, fallback=product.get_absolute_url())
    tell_shopper(request, change, f"Added {product.name} to your cart.")
    if request.htmx:
        return render(request, "partials/cart_updates.html")
    return see_other(shopper_page(request, fallback=product.get_absolute_url()))


@require_POST
@shopper_required
def increase(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    try:
        change = services.cart_increase(user=request.user, item_id=item_id)
    except CartError as error:
        return refuse(request, error.message, fallback="cart:detail")
    tell_shopper(request, change)
    return line_changed(request, change)


@require_POST
@shopper_required
def decrease(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    change = services.cart_decrease(user=request.user, item_id=item_id)
    tell_shopper(request, change, f"Removed {change.product.name} from your cart." if change.removed else "")
    return line_changed(request, change)


@require_POST
@shopper_required
def set_quantity(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    form = SetQuantityForm(request.POST)
    if not form.is_valid():
        if not cart_has_line(user=request.user, item_id=item_id):
            raise Http404("No such line in your cart")
        return refuse(request, form.errors["quantity"][0], fallback="cart:detail")
    try:
        change = services.cart_set_quantity(user=request.user, item_id=item_id, quantity=form.cleaned_data["quantity"])
    except CartError as error:
        return refuse(request, error.message, fallback="cart:detail")
    tell_shopper(request, change, f"Removed {change.product.name} from your cart." if change.removed else "")
    return line_changed(request, change)


@require_POST
@shopper_required
def remove(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    removed = services.cart_remove(user=request.user, item_id=item_id)
    request.session[UNDO_SESSION_KEY] = {
        "product_id": removed.product.pk,
        "quantity": removed.quantity,
        "unit_price": str(removed.unit_price),
    }
    success_with_action(
        request, f"Removed {removed.product.name} from your cart.", url=reverse("cart:undo_remove"), label="Undo"
    )
    return line_changed(request, CartChange(product=removed.product, item=None, quantity=0))


@require_POST
@shopper_required
def undo_remove(request: HtmxHttpRequest) -> HttpResponse:
    saved = request.session.pop(UNDO_SESSION_KEY, None)
    product = Product.objects.filter(pk=saved["product_id"]).first() if saved else None
    if product is None:
        return refuse(request, "There is nothing to undo.", fallback="cart:detail")
    removed = RemovedLine(product=product, quantity=saved["quantity"], unit_price=Decimal(saved["unit_price"]))
    try:
        change = services.cart_undo_remove(user=request.user, removed=removed)
    except CartError as error:
        return refuse(request, error.message, fallback="cart:detail")
    tell_shopper(request, change, f"{product.name} is back in your cart.")
    if request.htmx:
        # The line may belong anywhere in the list: the cart page gets all its lines again.
        return render(request, "cart/detail.html#lines_update", {"items": cart_items(user=request.user)})
    return see_other(shopper_page(request, fallback="cart:detail"))


@require_POST
@shopper_required
def clear(request: HtmxHttpRequest) -> HttpResponse:
    services.cart_clear(user=request.user)
    messages.success(request, "Your cart is empty now.")
    return see_other(shopper_page(request, fallback="cart:detail"))
