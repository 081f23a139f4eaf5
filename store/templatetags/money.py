from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def dollars(amount: Decimal) -> SafeString:
    """An amount as the shop writes it everywhere: $1,234.50.

    One format for every price and total; cheaper than localizing each number, which a cart page
    of hundreds of lines paid several times per line.
    """
    return mark_safe(f"${amount:,.2f}")  # digits, commas, a point, "$" and "-": nothing to escape
