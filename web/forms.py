"""Form fields for what people type as numbers: Persian (۰–۹), Arabic-Indic (٠–٩) and Latin digits, also mixed.

Chromium drops Persian and Arabic-Indic digits typed into ``<input type="number">`` (whatever the page's
language or the browser's locale), so these fields are text inputs that bring up a numeric keyboard
(``inputmode``); the server reads the digits and checks the range.
"""

from django import forms
from django.db import models

from .digits import latin_number


class LatinDigitsMixin:
    """Reads Persian and Arabic-Indic digits, and the Arabic decimal and thousands separators, as Latin ones."""

    def to_python(self, value):
        return super().to_python(latin_number(value) if isinstance(value, str) else value)


class NumericTextInput(forms.TextInput):
    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})


class DecimalTextInput(forms.TextInput):
    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class IntegerField(LatinDigitsMixin, forms.IntegerField):
    widget = NumericTextInput


class DecimalField(LatinDigitsMixin, forms.DecimalField):
    widget = DecimalTextInput


class DigitsCharField(LatinDigitsMixin, forms.CharField):
    """Text made of digits that is kept as text (a postal code, a phone number): stored with Latin digits."""


# For a ModelAdmin's formfield_overrides: prices and counts typed in any of the three digit sets, as narrow as
# the admin's number fields were (vIntegerField: its own width for whole numbers).
ADMIN_NUMBER_FIELDS = {
    models.DecimalField: {"form_class": DecimalField, "widget": DecimalTextInput({"size": 10})},
    models.PositiveIntegerField: {"form_class": IntegerField, "widget": NumericTextInput({"class": "vIntegerField"})},
    models.PositiveSmallIntegerField: {
        "form_class": IntegerField,
        "widget": NumericTextInput({"class": "vIntegerField"}),
    },
}
