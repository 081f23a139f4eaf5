"""Columns and read-only fields of the admin as the owner reads them: amounts in the shop's currency, rates as
percentages, dates in the owner's calendar (Jalali in Persian). Django's admin shows "12.50", "0.2000" and
Gregorian dates in every language."""

from collections.abc import Callable
from typing import Any, cast

from django.contrib import admin
from django.db import models

from store.money import format_money
from web.localization import format_percentage, format_shop_date

ADMIN_FORMATS: dict[str, Callable[..., str]] = {
    "money": format_money,
    "percentage": format_percentage,
    "datetime": format_shop_date,
}


def shown_as(model: type[models.Model], field_name: str, kind: str) -> Callable[[admin.ModelAdmin, Any], str]:
    """A display callable for ``list_display``, ``fields`` or ``readonly_fields``: the field, formatted by kind,
    with the field's own name as its label and sorting by the field."""
    field = cast(models.Field, model._meta.get_field(field_name))
    formatter = ADMIN_FORMATS[kind]

    @admin.display(description=field.verbose_name, ordering=field_name)
    def column(model_admin: admin.ModelAdmin, obj: Any) -> str:
        value = getattr(obj, field_name)
        return "—" if value is None else formatter(value)

    column.__name__ = f"{field_name}_shown"
    return column
