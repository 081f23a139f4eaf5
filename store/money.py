from decimal import Decimal

from django.utils.safestring import SafeString


def dollars(amount: Decimal) -> SafeString:
    """An amount as the shop writes it everywhere: $1,234.50.

    One format for every price and total; cheaper than localizing each number, which a
    cart page of hundreds of lines paid several times per line.
    """
    return SafeString(f"${amount:,.2f}")  # digits, commas, a point, "$" and "-": nothing to escape
