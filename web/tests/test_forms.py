import re
from decimal import Decimal

import pytest
from django import forms

from web.forms import DecimalField, DigitsCharField, IntegerField


class NumbersForm(forms.Form):
    quantity = IntegerField(min_value=0)
    price = DecimalField(max_digits=8, decimal_places=2)
    postal_code = DigitsCharField()


@pytest.mark.parametrize(
    ("quantity", "price", "postal_code"),
    [
        ("۱۲", "۸٫۵۰", "۱۳۴۵۶-۷۸۹۱۰"),
        ("١٢", "٨٫٥٠", "١٣٤٥٦-٧٨٩١٠"),
        ("۱2", "8.۵0", "1345۶-۷8910"),
        ("12", "8.50", "13456-78910"),
    ],
)
def test_numbers_typed_in_persian_arabic_indic_or_latin_digits_read_the_same(quantity, price, postal_code):
    form = NumbersForm({"quantity": quantity, "price": price, "postal_code": postal_code})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"quantity": 12, "price": Decimal("8.50"), "postal_code": "13456-78910"}


def test_what_is_not_a_number_is_still_refused():
    form = NumbersForm({"quantity": "۱۲a", "price": "۸٫۵٫۰", "postal_code": "1"})

    assert set(form.errors) == {"quantity", "price"}


def test_number_fields_are_text_inputs_with_a_number_keyboard():
    form = NumbersForm()

    assert re.search(r'<input type="text" name="quantity" [^>]*inputmode="numeric"', str(form["quantity"]))
    assert re.search(r'<input type="text" name="price" [^>]*inputmode="decimal"', str(form["price"]))
