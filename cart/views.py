"""Cart views: parse the request, call a service, answer with a fragment (htmx) or a redirect.

Every change is a POST. With ``HX-Request`` the answer is the changed line plus
out-of-band updates of the badge, the totals and the toast region; without
JavaScript the same form gets a 303 back to where the shopper was.

A page may be behind the cart (changed in another tab or device): it says which version it shows
(``X-Cart-Version``, static/js/cart-sync.js), and a change from a page that was behind is answered
with all the lines, so the lines, badge and totals shown after any answer agree.
"""

import asyncio
from collections.abc import AsyncIterator
from decimal import Decimal

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.core.handlers.asgi import ASGIRequest
from django.db import connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotModified,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, trigger_client_event

from store.models import Product
from web.decorators import shopper_required
from web.http import HtmxHttpRequest, ShopperRequest, login_redirect, refuse, see_other, shopper_page, vary_on_htmx
from web.localization import isolate, localize_digits
from web.messages import success_with_action

from . import services
from .events import READ_AGAIN, events_enabled, hub
from .forms import AddForm, LineForm, SetQuantityForm
from .pending import remember_pending_add
from .selectors import (
    CartSummary,
    SessionCart,
    cart_has_line,
    cart_items,
    cart_summary,
    cart_version,
    cart_version_of_session,
)
from .services import CartChange, CartError, LineNotFound, RemovedLine

UNDO_SESSION_KEY = "cart_undo"
# Event streams: how long the browser waits to reconnect by itself, how often an idle stream says it is alive,
# and how long a new stream waits for this process's subscription before it catches up anyway.
EVENTS_RETRY_MS = 3000
EVENTS_KEEPALIVE_SECONDS = 25
EVENTS_SUBSCRIBE_WAIT_SECONDS = 2
# The element the mini-cart's changes are swapped into (base.html): htmx names it in HX-Target.
MINI_CART = "mini-cart-body"


def tell_shopper(request: HtmxHttpRequest, change: CartChange, success: str = "") -> None:
    """What the shop had to adjust, if anything; else the success message, if there is one."""
    if change.notice:
        messages.warning(request, change.notice)
    elif success:
        messages.success(request, success)


def mini_cart_changed(request: ShopperRequest, status: int = 200) -> HttpResponse:
    """The mini-cart's new content and the badge, and the lines of the cart page if it is behind."""
    context = {
        # Read before the lines: the version the badge claims is never newer than the lines shown with it.
        "cart_summary": cart_summary(user=request.user),
        "items": cart_items(user=request.user),
        "on_cart_page": request.htmx.current_url_abs_path == reverse("cart:detail"),
    }
    return render(request, "cart/detail.html#mini_change", context, status=status)


def all_lines_changed(request: ShopperRequest, status: int = 200) -> HttpResponse:
    """Every line of the cart page, the totals and the badge, out of band (whatever the form's target)."""
    context = {"cart_summary": cart_summary(user=request.user), "items": cart_items(user=request.user)}
    return reswap(render(request, "cart/detail.html#lines_update", context, status=status), "none")


def shown_version(request: ShopperRequest) -> int | None:
    """The version of the cart the page showed when the shopper acted (cart-sync.js sends it), if it said."""
    shown = request.headers.get("X-Cart-Version", "")
    return int(shown) if shown.isascii() and shown.isdigit() else None


def page_was_current(request: ShopperRequest, change: CartChange, summary: CartSummary) -> bool:
    """The page showed the cart as it was just before this change, and nothing came after it.

    A request that does not say which version its page shows is answered as one that is current.
    """
    shown = shown_version(request)
    return shown is None or shown == summary.version - change.moved_version


def line_changed(request: ShopperRequest, change: CartChange) -> HttpResponse:
    """The changed line (nothing when it was removed) and the totals; without JavaScript, back to the page.

    A page that was behind gets all the lines instead: one line of the truth beside stale ones would not add up.
    """
    if request.htmx.target == MINI_CART:
        return mini_cart_changed(request)
    if request.htmx:
        summary = cart_summary(user=request.user)
        if not page_was_current(request, change, summary):
            return all_lines_changed(request)
        return render(request, "cart/detail.html#change", {"item": change.item, "cart_summary": summary})
    return see_other(shopper_page(request, fallback="cart:detail"))


def line_gone(request: ShopperRequest, error: LineNotFound) -> HttpResponse:
    """A change to a line no longer in the cart: htmx gets the cart as it is, saying why the line went.

    Still a 404 (the line may be another shopper's: the answer shows only this shopper's own cart).
    Without JavaScript, the 404 page as before.
    """
    if not request.htmx:
        raise error
    messages.info(request, _("Removed in another window."))
    if request.htmx.target == MINI_CART:
        response = mini_cart_changed(request, status=404)
    else:
        response = all_lines_changed(request, status=404)
    return trigger_client_event(response, "toast")  # the answer says why: shop.js adds no failure toast


def posted_line(request: HtmxHttpRequest) -> int:
    """The id of the line the form was posted for; a missing or malformed one names no line: 404, like another's."""
    form = LineForm(request.POST)
    if not form.is_valid():
        raise Http404("No such line in your cart")
    return form.cleaned_data["line"]


@require_GET
@shopper_required
def cart_detail(request: ShopperRequest) -> HttpResponse:
    return render(request, "cart/detail.html", {"items": cart_items(user=request.user)})


@require_GET
@shopper_required
def mini_cart(request: ShopperRequest) -> HttpResponse:
    if not request.htmx:
        return redirect("cart:detail")  # the fragment alone is no page
    return mini_cart_changed(request)


@require_GET
def version(request: HtmxHttpRequest) -> HttpResponse:
    """Has the cart moved on from the version the page shows? 304 if not: two statements either way.

    Pages ask when they come back (shown again, back from the back-forward cache, focused: cart-sync.js),
    sending the ETag of what they show, ``"<shopper>.<version>"``. Nobody logged in: 403, the page reloads.
    """
    current = cart_version_of_session(session=request.session)
    if current is None:
        response = HttpResponse(status=403)
    else:
        etag = f'"{current.shopper_id}.{current.version}"'
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        else:
            response = JsonResponse({"shopper": current.shopper_id, "version": current.version})
        response["ETag"] = etag
    add_never_cache_headers(response)
    return response


def session_cart_then_close(request: HttpRequest) -> SessionCart | None:
    """``cart_version_of_session``, then the database connection closed: an event stream stays open for hours."""
    try:
        return cart_version_of_session(session=request.session)
    finally:
        connection.close()


def cart_version_then_close(shopper_id: int) -> int:
    try:
        return cart_version(shopper_id=shopper_id)
    finally:
        connection.close()


def server_sent_event(version: int) -> str:
    return f"id: {version}\nevent: version\ndata: {version}\n\n"


async def cart_version_events(*, shopper_id: int, shown: int | None) -> AsyncIterator[str]:
    """The shopper's new cart versions as they come (cart.events.hub), after the one the page shows if it moved on."""
    queue = hub.subscribe(shopper_id)
    try:
        yield f"retry: {EVENTS_RETRY_MS}\n\n"
        await hub.subscribed(timeout=EVENTS_SUBSCRIBE_WAIT_SECONDS)
        # Catch up, once news from the channel can no longer be missed: what moved while nothing listened.
        version = await sync_to_async(cart_version_then_close, thread_sensitive=False)(shopper_id)
        if version != shown:
            yield server_sent_event(version)
        while True:
            try:
                version = await asyncio.wait_for(queue.get(), EVENTS_KEEPALIVE_SECONDS)
            except TimeoutError:
                yield ": still here\n\n"  # a comment: keeps proxies from closing an idle connection
                continue
            if version == READ_AGAIN:
                version = await sync_to_async(cart_version_then_close, thread_sensitive=False)(shopper_id)
            yield server_sent_event(version)
    finally:
        hub.unsubscribe(shopper_id, queue)


@require_GET
async def events(request: HttpRequest) -> HttpResponseBase:
    """Server-Sent Events of this shopper's cart versions, for their other devices (cart-sync.js, cart.events).

    Only under ASGI (gunicorn with uvicorn workers: the Procfile) and with Redis: elsewhere (``make run``'s
    development server) 204, and pages catch up when they come back (``version``). Nobody logged in: 204.
    The page says the version it shows (``?version=``; the browser's own reconnection, ``Last-Event-ID``).
    """
    if not (events_enabled() and isinstance(request, ASGIRequest)):
        return HttpResponse(status=204)
    current = await sync_to_async(session_cart_then_close, thread_sensitive=False)(request)
    if current is None:
        return HttpResponse(status=204)
    shown = request.headers.get("Last-Event-ID") or request.GET.get("version", "")
    stream = cart_version_events(
        shopper_id=current.shopper_id, shown=int(shown) if shown.isascii() and shown.isdigit() else None
    )
    response = StreamingHttpResponse(stream, content_type="text/event-stream")
    add_never_cache_headers(response)
    response["X-Accel-Buffering"] = "no"  # a proxy in front passes each event on at once
    return response


@require_GET
@shopper_required
def refresh(request: ShopperRequest) -> HttpResponse:
    """What a page behind the cart needs (cart-sync.js): the badge and, where the page shows them, the cart page's
    lines and totals and the open mini-cart, all out of band."""
    if not request.htmx:
        return redirect("cart:detail")
    summary = cart_summary(user=request.user)  # first: the version claimed is never newer than the lines
    context = {
        "cart_summary": summary,
        "items": cart_items(user=request.user),
        "on_cart_page": request.htmx.current_url_abs_path == reverse("cart:detail"),
        "mini_open": request.GET.get("mini") == "open",
        "messages": [],  # toasts waiting for the shopper's next page are not this answer's
    }
    response = render(request, "cart/detail.html#refresh", context)
    # A page that moved past this version while the answer was on its way drops it (cart-sync.js).
    response["X-Cart-Version"] = str(summary.version)
    return response


@require_POST
@vary_on_htmx
def add(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=product_id)
    form = AddForm(request.POST)
    if not form.is_valid():
        return refuse(request, str(form.errors["quantity"][0]), fallback=product.get_absolute_url())
    quantity = form.cleaned_data["quantity"]
    if not request.user.is_authenticated:
        # Kept in the session, applied when the shopper logs in (see cart.pending).
        remember_pending_add(request, product=product, quantity=quantity)
        return login_redirect(request)
    try:
        change = services.cart_add_product(user=request.user, product=product, quantity=quantity)
    except CartError as error:
        return refuse(request, error.message, fallback=product.get_absolute_url())
    tell_shopper(request, change, _("Added %(product)s to your cart.") % {"product": isolate(product.name)})
    if request.htmx:
        return render(request, "partials/cart_updates.html")
    return see_other(shopper_page(request, fallback=product.get_absolute_url()))


@require_POST
@shopper_required
def increase(request: ShopperRequest) -> HttpResponse:
    try:
        change = services.cart_increase(user=request.user, item_id=posted_line(request))
    except LineNotFound as error:
        return line_gone(request, error)
    except CartError as error:
        return refuse(request, error.message, fallback="cart:detail")
    tell_shopper(request, change)
    return line_changed(request, change)


@require_POST
@shopper_required
def decrease(request: ShopperRequest) -> HttpResponse:
    try:
        change = services.cart_decrease(user=request.user, item_id=posted_line(request))
    except LineNotFound as error:
        return line_gone(request, error)
    tell_shopper(request, change, removed_message(change.product) if change.removed else "")
    return line_changed(request, change)


@require_POST
@shopper_required
def set_quantity(request: ShopperRequest) -> HttpResponse:
    item_id = posted_line(request)
    form = SetQuantityForm(request.POST)
    if not form.is_valid():
        if not cart_has_line(user=request.user, item_id=item_id):
            return line_gone(request, LineNotFound(item_id))
        return refuse(request, str(form.errors["quantity"][0]), fallback="cart:detail")
    try:
        change = services.cart_set_quantity(user=request.user, item_id=item_id, quantity=form.cleaned_data["quantity"])
    except LineNotFound as error:
        return line_gone(request, error)
    except CartError as error:
        return refuse(request, error.message, fallback="cart:detail")
    tell_shopper(request, change, removed_message(change.product) if change.removed else "")
    return line_changed(request, change)


def removed_message(product: Product) -> str:
    return _("Removed %(product)s from your cart.") % {"product": isolate(product.name)}


def remember_for_undo(request: HtmxHttpRequest, removed: list[RemovedLine], message: str) -> None:
    """Keep what was removed in the session, and say so with an Undo in the toast."""
    request.session[UNDO_SESSION_KEY] = [
        {"product_id": line.product.pk, "quantity": line.quantity, "unit_price": str(line.unit_price)}
        for line in removed
    ]
    success_with_action(request, message, url=reverse("cart:undo_remove"), label=_("Undo"))


def removed_from_session(request: HtmxHttpRequest) -> list[RemovedLine]:
    saved = request.session.pop(UNDO_SESSION_KEY, [])
    products = Product.objects.in_bulk([line["product_id"] for line in saved])
    return [
        RemovedLine(
            product=products[line["product_id"]], quantity=line["quantity"], unit_price=Decimal(line["unit_price"])
        )
        for line in saved
        if line["product_id"] in products
    ]


@require_POST
@shopper_required
def remove(request: ShopperRequest) -> HttpResponse:
    try:
        removed = services.cart_remove(user=request.user, item_id=posted_line(request))
    except LineNotFound as error:
        return line_gone(request, error)
    remember_for_undo(request, [removed], removed_message(removed.product))
    return line_changed(request, CartChange(product=removed.product, item=None, quantity=0))


@require_POST
@shopper_required
def undo_remove(request: ShopperRequest) -> HttpResponse:
    removed = removed_from_session(request)
    if not removed:
        return refuse(request, _("There is nothing to undo."), fallback="cart:detail")
    try:
        restored = services.cart_undo_remove(user=request.user, removed=removed)
    except CartError as error:
        return refuse(request, error.message, fallback="cart:detail")
    for reason in [*restored.refusals, *(change.notice for change in restored.changes if change.notice)]:
        messages.warning(request, reason)
    if len(restored.changes) == 1:
        messages.success(
            request, _("%(product)s is back in your cart.") % {"product": isolate(restored.changes[0].product.name)}
        )
    else:
        count = len(restored.changes)
        messages.success(
            request,
            ngettext("%(count)s line is back in your cart.", "%(count)s lines are back in your cart.", count)
            % {"count": localize_digits(count)},
        )
    if request.htmx.target == MINI_CART:
        return mini_cart_changed(request)
    if request.htmx:
        # The lines may belong anywhere in the list: the cart page gets all its lines again.
        return all_lines_changed(request)
    return see_other(shopper_page(request, fallback="cart:detail"))


@require_POST
@shopper_required
def clear(request: ShopperRequest) -> HttpResponse:
    removed = services.cart_clear(user=request.user)
    if removed:
        remember_for_undo(request, removed, _("Your cart is empty now."))
    if request.htmx:
        return all_lines_changed(request)  # empty, unless another tab added something since
    return see_other(shopper_page(request, fallback="cart:detail"))
