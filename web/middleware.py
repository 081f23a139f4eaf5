"""Middleware every app relies on: refusing input the database cannot store, keeping personal pages out of caches."""

from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

NUL = "\x00"


class NulByteInRequest(SuspiciousOperation):
    """Django answers 400 to a SuspiciousOperation and logs it to ``django.security``."""


class RejectNulBytesMiddleware:
    """Refuse a request with a NUL character in its path, query, form fields or cookies.

    PostgreSQL text cannot hold NUL, so such a value would reach the database only to fail
    with a 500. Checking here covers every form at once: the shop's, allauth's and the admin's.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or any(NUL in text for text in _inputs(request)):
            raise NulByteInRequest("NUL character in the request")
        return self.get_response(request)


def _inputs(request: HttpRequest):
    for data in (request.GET, request.POST):
        for name, values in data.lists():
            yield name
            yield from values
    for name, value in request.COOKIES.items():
        yield name
        yield value


# Pages about one person even when nobody is logged in (login, sign-up, password reset forms).
PERSONAL_PATHS = ("/cart/", "/accounts/")


def is_personal(request: HttpRequest) -> bool:
    """The cart and account pages, and every page a logged-in shopper sees (its header shows their email)."""
    if request.path_info.startswith(PERSONAL_PATHS):
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


class PersonalPagesNeverCachedMiddleware:
    """``Cache-Control: private, no-store`` (Django's never-cache set) on personal HTML.

    Neither a shared proxy nor the browser keeps a copy that outlives logout on a shared
    computer; base.html likewise keeps these pages out of htmx's history cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Error pages are about nobody, and with the database down, asking who is logged in would fail again.
        if (
            response.status_code < 500
            and response.get("Content-Type", "").startswith("text/html")
            and is_personal(request)
        ):
            add_never_cache_headers(response)
        return response
