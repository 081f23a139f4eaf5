"""What shipping costs, where the shopper decides: the cart's estimate and the price of each checkout choice."""

from decimal import Decimal

from django import template

from orders.models import ShippingMethod
from orders.selectors import Quote, ShippingEstimate
from orders.selectors import shipping_estimate as select_shipping_estimate

register = template.Library()


@register.simple_tag(takes_context=True)
def shipping_estimate(context: template.Context) -> ShippingEstimate | None:
    """``{% shipping_estimate as shipping %}``: the cart's shipping (cart page, mini-cart), looked up once per page
    or fragment however many of its parts show it."""
    if "shipping_estimate" not in context.render_context:
        context.render_context["shipping_estimate"] = select_shipping_estimate(
            user=context["request"].user, subtotal=context["cart_summary"].total
        )
    return context.render_context["shipping_estimate"]


@register.filter
def shipping_cost_in(method: ShippingMethod, quote: Quote) -> Decimal:
    """``{{ method|shipping_cost_in:quote }}``: what this method costs for the quote's subtotal and country."""
    return method.cost(subtotal=quote.subtotal, country=quote.country)
