"""``reverse()`` for URLs that take one argument, paid once per process instead of once per call.

A cart page prints five URLs per line; reversing each of them cost more than the rest of the
line's markup together (docs/PERFORMANCE.md).
"""

from collections.abc import Callable
from functools import cache
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString

# Stands in for the argument while the URL is reversed: digits, so int, slug and str converters
# all accept it, and long enough that it occurs nowhere else in a URL.
_PLACEHOLDER = "7310249586173102495861"


@cache
def _around_argument(name: str, kwarg: str, urlconf: str | None, script_prefix: str) -> tuple[str, str]:
    url = reverse(name, kwargs={kwarg: _PLACEHOLDER}, urlconf=urlconf)
    before, after = url.split(_PLACEHOLDER)
    return before, after


def _around_argument_here(name: str, kwarg: str) -> tuple[str, str]:
    """The URL around its argument, for the urlconf and script prefix of the current request."""
    return _around_argument(name, kwarg, get_urlconf(), get_script_prefix())


def _quoted(value: int | str) -> str:
    # An int's digits need no quoting; quote() was a third of the time of building a line URL.
    return str(value) if isinstance(value, int) else quote(value, safe="")


def reverser(name: str, kwarg: str) -> Callable[[int | str], str]:
    """``reverse(name, kwargs={kwarg: value})`` as a function of ``value``, for URLs built in a loop.

    Unlike ``reverse()``, the value is not matched against the path converter: pass ids and slugs.
    Made for one request: it keeps that request's urlconf and script prefix.
    """
    before, after = _around_argument_here(name, kwarg)

    def url(value: int | str) -> str:
        return f"{before}{_quoted(value)}{after}"

    return url


def html_reverser(name: str, kwarg: str) -> Callable[[int | str], SafeString]:
    """``reverser()`` whose URLs are ready for HTML: escaped once per process, not once per URL printed.

    The value needs no escaping once quoted: quoting leaves only letters, digits, ``-._~`` and ``%``.
    """
    before, after = (escape(part) for part in _around_argument_here(name, kwarg))

    def url(value: int | str) -> SafeString:
        return SafeString(f"{before}{_quoted(value)}{after}")

    return url


def cached_reverse(name: str, **kwargs: int | str) -> str:
    """``reverse(name, kwargs=kwargs)`` for a URL with exactly one keyword argument (see ``reverser``)."""
    ((kwarg, value),) = kwargs.items()
    return reverser(name, kwarg)(value)
