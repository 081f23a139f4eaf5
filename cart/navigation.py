"""Where to send a shopper after a POST, and how to send a logged-out one to login."""

from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from config.http import HtmxHttpRequest


def see_other(url: str) -> HttpResponseRedirect:
    """After a POST, a 303 makes the browser GET the page it is sent to."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _is_safe(request: HtmxHttpRequest, url: str | None) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def shopper_page(request: HtmxHttpRequest, *, fallback: str) -> str:
    """The page the shopper acted from: the form's ``next``, or htmx's current URL, if safe."""
    for candidate in (request.POST.get("next"), request.htmx.current_url_abs_path if request.htmx else None):
        if _is_safe(request, candidate):
            return candidate
    return resolve_url(fallback)


def login_redirect(request: HtmxHttpRequest) -> HttpResponse:
    """Send a logged-out shopper to login, coming back to the page they were on.

    An htmx request gets ``HX-Redirect`` so the browser navigates, instead of
    the login page being swapped into a fragment.
    """
    here = request.get_full_path() if request.method == "GET" else "store:product_list"
    login_url = f"{reverse('account_login')}?{urlencode({'next': shopper_page(request, fallback=here)})}"
    if request.htmx:
        return HttpResponseClientRedirect(login_url)
    return see_other(login_url) if request.method == "POST" else HttpResponseRedirect(login_url)
