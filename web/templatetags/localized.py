"""Numbers and dates as the shopper reads them: Persian digits and Jalali dates on Persian pages.

Only for text people read (and fields whose form reads Persian digits back, web.forms): ids, URLs,
hidden values and data-* attributes keep Latin digits.
"""

import datetime

from django import template
from django.utils.html import format_html

from web.localization import format_shop_date, isolate, localize_digits

register = template.Library()


@register.filter
def digits(value: object) -> str:
    """``{{ count|digits }}``: the value in Persian digits on Persian pages, unchanged in English."""
    if value is None or value == "":
        return ""
    return localize_digits(value)


@register.filter
def shopdate(value: datetime.datetime | datetime.date | None, style: str = "datetime") -> str:
    """``{{ order.created_at|shopdate }}``, or with the style "date" or "short": Jalali in Persian, else Gregorian."""
    if not value:
        return ""
    return format_shop_date(value, style)


@register.filter
def shoptime(value: datetime.datetime | None, style: str = "datetime"):
    """A ``<time>`` element: the machine-readable date in ``datetime``, the shopper's date as its text."""
    if not value:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), format_shop_date(value, style))


@register.filter
def isolated(value: object) -> str:
    """Plain text (emails, attributes) only: a name that keeps its own direction inside a right-to-left sentence."""
    return isolate(value)
