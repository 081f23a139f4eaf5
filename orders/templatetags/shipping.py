"""What shipping costs, where the shopper decides: the cart's estimate and the price of each checkout choice."""

from decimal import Decimal

from django import template

from orders.models import ShippingMethod
from orders.selectors import Quote, ShippingEstimate
from orders.selectors import shipping_estimate as select_shipping_estimate

register = template.Library()


@register.simple_tag(takes_context=True)
def shipping_estimate(context: template.Context) -> ShippingEstimate | None:
    """``{% shipping_estimate as shipping %}``: the cart's shipping (cart page, mini-cart), looked up once per request
    however many of its parts show it. Kept on the request, not in the render context: each partial renders in a
    render context of its own, and a change's answer shows the estimate in three."""
    request = context["request"]
    subtotal = context["cart_summary"].total
    estimates = request.__dict__.setdefault("shipping_estimates", {})
    if subtotal not in estimates:
        estimates[subtotal] = select_shipping_estimate(user=request.user, subtotal=subtotal)
    return estimates[subtotal]


@register.filter
def shipping_cost_in(method: ShippingMethod, quote: Quote) -> Decimal:
    """``{{ method|shipping_cost_in:quote }}``: what this method costs for the quote's subtotal and country."""
    return method.cost(subtotal=quote.subtotal, country=quote.country)
