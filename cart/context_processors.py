from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import cart_summary as select_cart_summary


def cart_summary(request: HttpRequest) -> dict:
    # Lazy: one query, only when a template shows the badge or the totals.
    return {"cart_summary": SimpleLazyObject(lambda: select_cart_summary(user=request.user))}
