"""Checkout and orders: parse the request with a form, call a service, answer with a page, a fragment or a redirect.

Everything works without JavaScript; with htmx, changing the shipping method or the country
fetches only the totals (and the hidden total the shopper confirms with "Place order").
"""

from urllib.error import URLError

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import RadioSelect
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect
from payments import PaymentError, PaymentStatus, RedirectNeeded

from cart import services as cart_services
from cart.models import CartItem
from cart.selectors import cart_items
from reminders.selectors import reminder_consent_given
from reminders.services import reminder_consent_set
from web.decorators import shopper_required
from web.http import HtmxHttpRequest, ShopperRequest, see_other, vary_on_htmx, wants_fragment

from . import services
from .forms import AddressForm, CheckoutForm, TotalsForm
from .models import POSTAL_ADDRESS_FIELDS, Address, Order, Payment
from .providers import payment_refresh
from .selectors import address_list as select_address_list
from .selectors import checkout_problems, checkout_quote
from .selectors import order_detail as select_order_detail
from .selectors import order_list as select_order_list
from .services import CheckoutChanged, EmptyCart, OrderError, StaleCheckout

CHECKOUT_TOKEN_SESSION_KEY = "checkout_token"
ORDERS_PER_PAGE = 20
CHECKOUT_FIELDS = ["email", *POSTAL_ADDRESS_FIELDS, "shipping_method"]


def checkout_token(request: HtmxHttpRequest) -> str:
    """One token per checkout, kept in the session: every tab and every resubmit of it places one order."""
    if CHECKOUT_TOKEN_SESSION_KEY not in request.session:
        request.session[CHECKOUT_TOKEN_SESSION_KEY] = str(services.new_checkout_token())
    return request.session[CHECKOUT_TOKEN_SESSION_KEY]


def chosen_address(request: HtmxHttpRequest, saved_addresses: list[Address]) -> Address | None:
    """The saved address the shopper picked (``?address=<id>``), else the one used last; another's is a 404."""
    picked = request.GET.get("address", "")
    if picked.isdecimal():  # any script's digits, which int() reads; not "²", which it does not
        address = next((address for address in saved_addresses if address.pk == int(picked)), None)
        if address is None:
            raise Http404("No such address of yours")
        return address
    return saved_addresses[0] if saved_addresses else None


def checkout_initial(request: ShopperRequest, address: Address | None) -> dict:
    """The account's email and the chosen address, overridden by what the page sent (a totals update)."""
    initial = {"email": request.user.email, "cart_reminders": reminder_consent_given(user=request.user)}
    if address is not None:
        initial |= address.postal_address
    return initial | {name: request.GET[name] for name in CHECKOUT_FIELDS if request.GET.get(name)}


def cannot_check_out(request: HtmxHttpRequest, items: list[CartItem]) -> bool:
    """Tell the shopper why the cart cannot be bought as it is, if it cannot."""
    if not items:
        messages.info(request, _("Your cart is empty: add something before checking out."))
        return True
    problems = checkout_problems(items=items)
    for problem in problems:
        messages.error(request, problem)
    return bool(problems)


def render_checkout(
    request: HtmxHttpRequest,
    form: CheckoutForm,
    items: list[CartItem],
    *,
    changes: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The checkout page for a submitted form: its totals follow the country and shipping method in it."""
    method, country = TotalsForm(form.data).choices(default_country=form.fields["country"].initial)
    quote = checkout_quote(items=items, shipping_method=method, country=country)
    return render(request, "orders/checkout.html", {"form": form, "quote": quote, "changes": changes}, status=status)


def tell_payment_outcome(request: HtmxHttpRequest, payment: Payment) -> None:
    """What the provider reported, said once on the order page (a redirect flow has no outcome yet)."""
    if payment.status == PaymentStatus.CONFIRMED:
        messages.success(request, _("Payment received — thank you!"))
    elif payment.status in (PaymentStatus.REJECTED, PaymentStatus.ERROR):
        messages.error(request, _("The payment did not go through and nothing was charged. You can try again."))
    elif payment.status == PaymentStatus.CANCELLED:
        messages.warning(request, _("The payment was cancelled and nothing was charged. You can try again."))


def order_of(request: ShopperRequest, reference: str) -> Order:
    """The shopper's own order; anyone else's, or none, is a 404."""
    order = select_order_detail(user=request.user, reference=reference)
    if order is None:
        raise Http404("No such order of yours")
    return order


@require_GET
@shopper_required
@vary_on_htmx
def checkout(request: ShopperRequest) -> HttpResponse:
    items = list(cart_items(user=request.user))
    if cannot_check_out(request, items):
        # htmx (a totals update) navigates rather than swapping the cart page into the totals.
        if wants_fragment(request):
            return HttpResponseClientRedirect(reverse("cart:detail"))
        return redirect("cart:detail")
    if not request.htmx:
        cart_services.cart_note_checkout_opened(user=request.user)
    saved_addresses = list(select_address_list(user=request.user))  # an address book holds a handful
    address = chosen_address(request, saved_addresses)
    form = CheckoutForm(initial=checkout_initial(request, address))
    method, country = TotalsForm(form.initial).choices(default_country=form.fields["country"].initial)
    quote = checkout_quote(items=items, shipping_method=method, country=country)
    form.initial.update(
        {
            "shipping_method": method.pk if method else None,
            "checkout_token": checkout_token(request),
            "expected_total": quote.total,
        }
    )
    if wants_fragment(request):
        return render(request, "orders/checkout.html#totals_update", {"form": form, "quote": quote})
    context = {"form": form, "quote": quote, "saved_addresses": saved_addresses, "chosen_address": address}
    return render(request, "orders/checkout.html", context)


@require_POST
@shopper_required
def place_order(request: ShopperRequest) -> HttpResponse:
    form = CheckoutForm(request.POST)
    items = list(cart_items(user=request.user))
    if not form.is_valid():
        return render_checkout(request, form, items, status=422)
    try:
        placed = services.order_place(
            user=request.user,
            details=form.shipping_details(),
            checkout_token=form.cleaned_data["checkout_token"],
            expected_total=form.cleaned_data["expected_total"],
            language=request.LANGUAGE_CODE,
        )
    except EmptyCart as error:
        messages.info(request, error.message)
        return see_other(reverse("cart:detail"))
    except StaleCheckout:
        # The page again with a fresh token, as for any stale checkout page.
        request.session.pop(CHECKOUT_TOKEN_SESSION_KEY, None)
        data = request.POST.copy()
        data["checkout_token"] = checkout_token(request)
        form = CheckoutForm(data)
        form.is_valid()
        form.refuse_token()
        return render_checkout(request, form, items, status=422)
    except CheckoutChanged as change:
        if change.new_total is None:
            # Stock ran short: the cart page shows each line's problem and lets the shopper fix it.
            for message in change.changes:
                messages.error(request, message)
            return see_other(reverse("cart:detail"))
        # Prices changed: the same page again, saying what changed, confirming the new total.
        data = request.POST.copy()
        data["expected_total"] = str(change.new_total)
        return render_checkout(request, CheckoutForm(data), items, changes=change.changes, status=409)
    order = placed.order
    if not placed.created:
        messages.info(request, _("Order %(reference)s was already placed.") % {"reference": order.reference})
        return see_other(order.get_absolute_url())
    request.session.pop(CHECKOUT_TOKEN_SESSION_KEY, None)
    reminder_consent_set(user=request.user, agreed=form.cleaned_data["cart_reminders"], language=request.LANGUAGE_CODE)
    # No thanks yet: the payment page says the order is reserved and waiting for payment.
    payment = services.payment_start(order=order)
    return see_other(reverse("orders:payment", kwargs={"token": payment.token}))


@require_GET
@shopper_required
def order_list(request: ShopperRequest) -> HttpResponse:
    page = Paginator(select_order_list(user=request.user), ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/order_list.html", {"page": page})


@require_GET
@shopper_required
def order_detail(request: ShopperRequest, reference: str) -> HttpResponse:
    order = order_of(request, reference)
    latest = order.payments.order_by("-created", "-id").first() if order.is_awaiting_payment else None
    if latest is not None:
        # Back from an off-site provider: ask it what became of the payment rather than wait for its webhook.
        was = latest.status
        payment_refresh(payment=latest)
        if latest.status != was:
            tell_payment_outcome(request, latest)
            order.refresh_from_db(fields=["status"])
    history = order.status_changes.all()
    return render(request, "orders/order_detail.html", {"order": order, "history": history})


@require_POST
@shopper_required
def pay(request: ShopperRequest, reference: str) -> HttpResponse:
    """Start a payment attempt: the first one, or a retry after a failed or abandoned one."""
    order = order_of(request, reference)
    try:
        payment = services.payment_start(order=order)
    except OrderError as error:
        messages.error(request, error.message)
        return see_other(order.get_absolute_url())
    return see_other(reverse("orders:payment", kwargs={"token": payment.token}))


# The provider's form posts back to the page that showed it (django-payments' contract), hence GET and POST.
@require_http_methods(["GET", "POST"])
@shopper_required
def payment_page(request: ShopperRequest, token: str) -> HttpResponse:
    payment = get_object_or_404(Payment.objects.filter(order__user=request.user).select_related("order"), token=token)
    order = payment.order
    if not order.is_awaiting_payment or payment.status not in (PaymentStatus.WAITING, PaymentStatus.INPUT):
        return see_other(order.get_absolute_url())
    if payment.variant not in settings.PAYMENT_VARIANTS:
        # Started with a provider the shop no longer offers (the demo, before Stripe was configured).
        payment.change_status(PaymentStatus.CANCELLED, "The payment provider is no longer configured.")
        messages.warning(request, _("This payment can no longer be completed. Nothing was charged; please pay again."))
        return see_other(order.get_absolute_url())
    try:
        form = payment.get_form(data=request.POST or None)
    except RedirectNeeded as redirect_to:
        tell_payment_outcome(request, payment)
        return see_other(str(redirect_to))
    except (PaymentError, URLError):
        payment.change_status(PaymentStatus.ERROR, "The payment provider could not be reached.")
        messages.error(request, _("The payment could not be completed. Nothing was charged; please try again."))
        return see_other(order.get_absolute_url())
    for field in form.fields.values():
        if not isinstance(field.widget, RadioSelect):
            field.widget.attrs.setdefault("class", "field-input")  # the provider's form in the shop's look
    demo = payment.variant == settings.PAYMENT_DEMO_VARIANT
    context = {"form": form, "payment": payment, "order": order, "demo": demo}
    return render(request, "orders/payment.html", context | {"payment_minutes": settings.ORDER_PAYMENT_TIMEOUT_MINUTES})


@require_POST
@shopper_required
def buy_again(request: ShopperRequest, reference: str) -> HttpResponse:
    order = order_of(request, reference)
    notices = services.order_buy_again(user=request.user, order=order)
    for notice in notices:
        messages.warning(request, notice)
    if len(notices) < order.lines.count():
        messages.success(
            request, _("The products of order %(reference)s are in your cart.") % {"reference": order.reference}
        )
    return see_other(reverse("cart:detail"))


@require_GET
@shopper_required
def address_list(request: ShopperRequest) -> HttpResponse:
    return render(request, "orders/address_list.html", {"addresses": select_address_list(user=request.user)})


def address_of(request: ShopperRequest, address_id: int) -> Address:
    return get_object_or_404(select_address_list(user=request.user), pk=address_id)


@require_GET
@shopper_required
def address_edit(request: ShopperRequest, address_id: int) -> HttpResponse:
    address = address_of(request, address_id)
    return render(request, "orders/address_form.html", {"form": AddressForm(instance=address), "address": address})


@require_POST
@shopper_required
def address_save(request: ShopperRequest, address_id: int) -> HttpResponse:
    address = address_of(request, address_id)
    form = AddressForm(request.POST, instance=address)
    if not form.is_valid():
        return render(request, "orders/address_form.html", {"form": form, "address": address}, status=422)
    form.save()
    messages.success(request, _("Address saved."))
    return see_other(reverse("orders:addresses"))


@require_POST
@shopper_required
def address_delete(request: ShopperRequest, address_id: int) -> HttpResponse:
    address_of(request, address_id).delete()
    messages.success(request, _("Address removed from your address book."))
    return see_other(reverse("orders:addresses"))
