"""Cart views: parse the request, call a service, answer with a fragment (htmx) or a redirect.

Every change is a POST. With ``HX-Request`` the answer is the changed line plus
out-of-band updates of the badge, the totals and the toast region; without
JavaScript the same form gets a 303 back to where the shopper was.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from config.http import HtmxHttpRequest, htmx_refusal
from store.models import Product

from . import services
from .forms import AddForm, SetQuantityForm
from .navigation import login_redirect, see_other, shopper_page
from .pending import remember_pending_add
from .selectors import cart_has_line, cart_line, cart_lines
from .services import CartChange, CartError, LineNotFound, RemovedLine

UNDO_SESSION_KEY = "cart_undo"

View = Callable[..., HttpResponse]


def shopper_required(view: View) -> View:
    """Logged-out shoppers go to login; an htmx request is told to navigate there."""

    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return login_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


def _vary(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request"])
    return response


def _refused(request: HtmxHttpRequest, message: str, *, fallback: str) -> HttpResponse:
    """A 422 fragment for htmx (the message goes to the toast region), else back with the message."""
    if request.htmx:
        return _vary(htmx_refusal(request, message, status=422))
    messages.error(request, message)
    return _vary(see_other(shopper_page(request, fallback=fallback)))


def _tell(request: HtmxHttpRequest, change: CartChange, success: str) -> None:
    """What the shop had to adjust, if anything; else the success message, if there is one."""
    if change.notice:
        messages.warning(request, change.notice)
    elif success:
        messages.success(request, success)


def _changed(request: HtmxHttpRequest, change: CartChange, message: str) -> HttpResponse:
    _tell(request, change, message)
    if not request.htmx:
        return _vary(see_other(shopper_page(request, fallback="cart:detail")))
    line = cart_line(change.item) if change.item else None
    return _vary(render(request, "cart/detail.html#change", {"line": line}))


def _form_error(form) -> str:
    return form.errors["quantity"][0]


@require_GET
@shopper_required
def cart_detail(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "cart/detail.html", {"lines": cart_lines(user=request.user)})


@require_POST
def add(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=product_id)
    form = AddForm(request.POST)
    fallback = product.get_absolute_url()
    if not form.is_valid():
        return _refused(request, _form_error(form), fallback=fallback)
    quantity = form.cleaned_data["quantity"]
    if not request.user.is_authenticated:
        # Kept in the session, applied when the shopper logs in (see cart.pending).
        remember_pending_add(request, product=product, quantity=quantity)
        return login_redirect(request)
    try:
        change = services.cart_add_product(user=request.user, product=product, quantity=quantity)
    except CartError as error:
        return _refused(request, error.message, fallback=fallback)
    _tell(request, change, f"Added {product.name} to your cart.")
    if request.htmx:
        return _vary(render(request, "partials/cart_updates.html"))
    return _vary(see_other(shopper_page(request, fallback=fallback)))


def _line_change(service: Callable[..., CartChange], message: Callable[[CartChange], str]) -> View:
    """A view for a change to one line of the shopper's own cart."""

    @require_POST
    @shopper_required
    def view(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
        try:
            change = service(user=request.user, item_id=item_id)
        except LineNotFound:
            raise Http404("No such line in your cart")
        except CartError as error:
            return _refused(request, error.message, fallback="cart:detail")
        return _changed(request, change, message(change))

    return view


def _removed_message(change: CartChange) -> str:
    return f"Removed {change.product.name} from your cart." if change.removed else ""


increase = _line_change(services.cart_increase, lambda change: "")
decrease = _line_change(services.cart_decrease, _removed_message)


@require_POST
@shopper_required
def set_quantity(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    form = SetQuantityForm(request.POST)
    if not form.is_valid():
        if not cart_has_line(user=request.user, item_id=item_id):
            raise Http404("No such line in your cart")
        return _refused(request, _form_error(form), fallback="cart:detail")
    try:
        change = services.cart_set_quantity(user=request.user, item_id=item_id, quantity=form.cleaned_data["quantity"])
    except LineNotFound:
        raise Http404("No such line in your cart")
    except CartError as error:
        return _refused(request, error.message, fallback="cart:detail")
    return _changed(request, change, _removed_message(change))


@require_POST
@shopper_required
def remove(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    try:
        removed = services.cart_remove(user=request.user, item_id=item_id)
    except LineNotFound:
        raise Http404("No such line in your cart")
    request.session[UNDO_SESSION_KEY] = {
        "product_id": removed.product.pk,
        "quantity": removed.quantity,
        "unit_price": str(removed.unit_price),
    }
    messages.success(request, f"Removed {removed.product.name} from your cart.", extra_tags="undo")
    change = CartChange(product=removed.product, item=None, quantity=0)
    return _changed(request, change, "")


@require_POST
@shopper_required
def undo_remove(request: HtmxHttpRequest) -> HttpResponse:
    saved = request.session.pop(UNDO_SESSION_KEY, None)
    product = Product.objects.filter(pk=saved["product_id"]).first() if saved else None
    if product is None:
        return _refused(request, "There is nothing to undo.", fallback="cart:detail")
    removed = RemovedLine(product=product, quantity=saved["quantity"], unit_price=Decimal(saved["unit_price"]))
    try:
        change = services.cart_undo_remove(user=request.user, removed=removed)
    except CartError as error:
        return _refused(request, error.message, fallback="cart:detail")
    _tell(request, change, f"{product.name} is back in your cart.")
    if request.htmx:
        # The line may sit anywhere in the list: the cart page reloads its lines.
        response = render(request, "cart/detail.html#lines_update", {"lines": cart_lines(user=request.user)})
        return _vary(response)
    return _vary(see_other(shopper_page(request, fallback="cart:detail")))


@require_POST
@shopper_required
def clear(request: HtmxHttpRequest) -> HttpResponse:
    services.cart_clear(user=request.user)
    messages.success(request, "Your cart is empty now.")
    return _vary(see_other(shopper_page(request, fallback="cart:detail")))
