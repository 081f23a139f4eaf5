from django import template

from web.localization import localize_digits

register = template.Library()


@register.filter
def signed(number: int) -> str:
    """A change in the stock book: +12, -1, 0, in the page's digits."""
    return localize_digits(f"{number:+d}") if number else localize_digits(0)
