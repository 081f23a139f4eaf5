from decimal import Decimal


def format_money(amount: Decimal) -> str:
    """An amount as the shop writes it everywhere: $1,234.50."""
    return f"${amount:,.2f}"
