from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def dollars(amount: Decimal) -> str:
    """An amount as the shop writes it everywhere: $1,234.50.

    One format for every price and total; cheaper than localizing each number, which a cart page
    of hundreds of lines paid several times per line.
    """
    return f"${amount:,.2f}"
