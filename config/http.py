from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.http import reswap
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that passed through django-htmx's middleware (for type checkers)."""

    htmx: HtmxDetails


def htmx_refusal(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    """Answer an htmx request the shop refuses: the message goes to the toast region, the page stays as it was."""
    messages.error(request, message)
    return reswap(render(request, "partials/messages.html", {"oob": True}, status=status), "none")
