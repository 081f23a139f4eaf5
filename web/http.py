"""Answers shared by every app's views: htmx refusals, 303 redirects and the way back to the shopper's page."""

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, reswap, trigger_client_event
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class HtmxHttpRequest(HttpRequest):
    """A request that passed through django-htmx's middleware (for type checkers)."""

    htmx: HtmxDetails


class ShopperRequest(HtmxHttpRequest):
    """A request that passed ``shopper_required``: its user is logged in (for type checkers)."""

    user: User


# What an answer that differs for htmx depends on: whether htmx asks, and whether it asks for a whole page to put
# back on Back or Forward (its history restore). Said in Vary, so no cache hands one answer to the other request.
HTMX_HEADERS = ("HX-Request", "HX-History-Restore-Request")
vary_on_htmx = vary_on_headers(*HTMX_HEADERS)


def patch_vary_on_htmx(response: HttpResponse) -> None:
    patch_vary_headers(response, HTMX_HEADERS)


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """htmx asks for part of the page. Restoring a page from its history (Back, Forward) it needs the whole page,
    though it sends ``HX-Request`` too."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def htmx_refusal(request: HttpRequest, message: "StrOrPromise", *, status: int) -> HttpResponse:
    """Answer an htmx request the shop refuses: the message goes to the toast region, the page stays as it was."""
    messages.error(request, message)
    return toast_answer(render(request, "partials/messages.html", {"oob": True}, status=status))


def toast_answer(response: HttpResponse) -> HttpResponse:
    """An htmx answer that only brings toasts (partials/messages.html, out of band) and swaps nothing else; the
    header tells shop.js that an error answer has said what went wrong, so it adds no failure toast of its own."""
    return trigger_client_event(reswap(response, "none"), "toast")


def see_other(url: str) -> HttpResponseRedirect:
    """After a POST, a 303 makes the browser GET the page it is sent to."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _is_safe(request: HtmxHttpRequest, url: str) -> bool:
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def shopper_page(request: HtmxHttpRequest, *, fallback: str) -> str:
    """The page the shopper acted from: the form's ``next``, or htmx's current URL, if safe."""
    for candidate in (request.POST.get("next"), request.htmx.current_url_abs_path if request.htmx else None):
        if candidate and _is_safe(request, candidate):
            return candidate
    return resolve_url(fallback)


def login_redirect(request: HtmxHttpRequest) -> HttpResponse:
    """Send a logged-out shopper to login, coming back to the page they were on.

    An htmx request gets ``HX-Redirect`` so the browser navigates, instead of
    the login page being swapped into a fragment.
    """
    here = request.get_full_path() if request.method == "GET" else "store:product_list"
    login_url = f"{reverse('account_login')}?{urlencode({'next': shopper_page(request, fallback=here)})}"
    # A history restore ignores HX-Redirect (it would show an empty page): it follows a plain redirect instead.
    if wants_fragment(request):
        return HttpResponseClientRedirect(login_url)
    return see_other(login_url) if request.method == "POST" else HttpResponseRedirect(login_url)


def refuse(request: HtmxHttpRequest, message: "StrOrPromise", *, fallback: str) -> HttpResponse:
    """A refused change: htmx gets a 422 toast and the page stays; without JavaScript, back with the message."""
    if request.htmx:
        return htmx_refusal(request, message, status=422)
    messages.error(request, message)
    return see_other(shopper_page(request, fallback=fallback))
