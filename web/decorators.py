from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse

from .http import HtmxHttpRequest, login_redirect


def shopper_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``login_required``, but an htmx request is told to navigate to login (never a login page in a fragment)."""

    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return login_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper
