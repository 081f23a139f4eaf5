import sys
from typing import cast

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults

from .http import HtmxHttpRequest, htmx_refusal, patch_vary_on_htmx, toast_answer, wants_fragment
from .localization import shop_name

# How long a client (or a proxy) should wait before asking again while the database is down.
RETRY_AFTER_SECONDS = 30
UNAVAILABLE_MESSAGE = gettext_lazy("The shop is briefly unavailable. Nothing was lost — try again in a moment.")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 page, in the shopper's language: a request refused before LocaleMiddleware ran (a NUL
    character, see web.middleware) has no language active yet, so it is read from the request here."""
    with translation.override(translation.get_language_from_request(request)):
        return defaults.bad_request(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A styled 404 page; for an htmx request, a toast instead of a page swapped into a fragment."""
    if hasattr(request, "htmx") and wants_fragment(cast(HtmxHttpRequest, request)):
        response = htmx_refusal(request, _("That is no longer there. Reload the page to see the latest."), status=404)
    else:
        response = defaults.page_not_found(request, exception)
    patch_vary_on_htmx(response)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Any unhandled exception: 503 when the database cannot be reached (in a view, a middleware or a
    template), else Django's 500. Django logs both with the traceback (``django.request``)."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """Rendered without the request: context processors, sessions and messages all need the database."""
    if request.headers.get("HX-Request") == "true":
        message = Message(constants.ERROR, str(UNAVAILABLE_MESSAGE))
        content = render_to_string("partials/messages.html", {"oob": True, "messages": [message]})
        response = toast_answer(HttpResponse(content, status=503))
    else:
        response = HttpResponse(render_to_string("503.html", {"shop_name": shop_name()}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    patch_vary_on_htmx(response)
    return response


def alive(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer: the process answers. Touches neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain")
