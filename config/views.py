from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults
from django_htmx.http import reswap


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A styled 404 page; for an htmx request, a toast instead of a page swapped into a fragment."""
    if getattr(request, "htmx", False):
        messages.error(request, "That is no longer there. Reload the page to see the latest.")
        return reswap(render(request, "partials/messages.html", {"oob": True}, status=404), "none")
    return defaults.page_not_found(request, exception)
