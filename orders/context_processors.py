from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import cart_checkout_blockers


def checkout_readiness(request: HttpRequest) -> dict:
    # Lazy: counted only when the cart's totals show the "Check out" button.
    return {"checkout_blockers": SimpleLazyObject(lambda: cart_checkout_blockers(user=request.user))}
