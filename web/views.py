from django.http import HttpRequest, HttpResponse
from django.views import defaults

from .http import htmx_refusal


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A styled 404 page; for an htmx request, a toast instead of a page swapped into a fragment."""
    if getattr(request, "htmx", False):
        return htmx_refusal(request, "That is no longer there. Reload the page to see the latest.", status=404)
    return defaults.page_not_found(request, exception)
