from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse

from .http import HtmxHttpRequest, login_redirect, patch_vary_on_htmx


def shopper_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``login_required``, but an htmx request is told to navigate to login (never a login page in a fragment).

    So every answer of the view depends on htmx's headers, and says so in Vary.
    """

    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            response = login_redirect(request)
        else:
            response = view(request, *args, **kwargs)
        patch_vary_on_htmx(response)
        return response

    return wrapper
