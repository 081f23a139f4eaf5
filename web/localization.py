"""Text in the shopper's language beyond gettext: Persian digits, Jalali dates, product names isolated in bidi text.

Used by the ``localized`` template filters and by messages the shop builds in Python (toasts, cart notices).
"""

import datetime
from decimal import Decimal

import jdatetime
from babel.numbers import format_percent
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi

from web.digits import PERSIAN_NUMBER

# Unicode's first strong isolate and pop directional isolate: text between them keeps its own direction,
# so a Latin product name inside a Persian sentence (or the reverse) keeps its letters and punctuation in order.
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

# The date styles pages and emails use: a day with the time, a day, a short day and month with the time, a day and
# month (the dashboard's chart).
DATE_FORMATS = {
    "en": {"datetime": "%-d %B %Y, %H:%M", "date": "%-d %b %Y", "short": "%-d %b, %H:%M", "day": "%-d %b"},
    "fa": {"datetime": "%-d %B %Y، %H:%M", "date": "%-d %B %Y", "short": "%-d %B، %H:%M", "day": "%-d %B"},
}


def uses_persian() -> bool:
    return (get_language() or "").split("-")[0] == "fa"


def shop_name() -> str:
    """The shop's name in the active language: SHOP_NAME_FA on Persian pages and emails where the owner set one."""
    return settings.SHOP_NAME_FA if uses_persian() and settings.SHOP_NAME_FA else settings.SHOP_NAME


def localize_digits(value: object) -> str:
    """The value as text, in Persian digits (and number marks) when the active language is Persian."""
    text = str(value)
    return text.translate(PERSIAN_NUMBER) if uses_persian() else text


def isolate(text: object) -> str:
    """Text that keeps its own direction inside a sentence of the other one (plain text: messages, attributes)."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if get_language_bidi() else str(text)


def format_shop_date(value: datetime.datetime | datetime.date, style: str = "datetime") -> str:
    """A date in the active language: Solar Hijri (Jalali) in Persian digits in Persian, Gregorian in English."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if uses_persian():
        converted = (
            jdatetime.datetime.fromgregorian(datetime=value, locale="fa_IR")
            if isinstance(value, datetime.datetime)
            else jdatetime.date.fromgregorian(date=value, locale="fa_IR")
        )
        return localize_digits(converted.strftime(DATE_FORMATS["fa"][style]))
    return value.strftime(DATE_FORMATS["en"][style])


def format_percentage(rate: Decimal) -> str:
    """A rate as a percentage in the active language: 0.2000 is "20%" in English, "۲۰٪" in Persian."""
    return localize_digits(format_percent(rate, locale="en", decimal_quantization=False))
