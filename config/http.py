from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that passed through django-htmx's middleware (for type checkers)."""

    htmx: HtmxDetails
