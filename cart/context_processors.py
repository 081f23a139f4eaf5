from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .events import events_enabled
from .selectors import cart_summary as select_cart_summary


def cart_summary(request: HttpRequest) -> dict:
    # Lazy: one query, only when a template shows the badge or the totals.
    # cart_events: whether pages may listen for their cart's changes on other devices (cart.events).
    return {
        "cart_summary": SimpleLazyObject(lambda: select_cart_summary(user=request.user)),
        "cart_events": events_enabled(),
    }
