from django import forms
from django.conf import settings


def quantity_form(*, minimum: int) -> type[forms.Form]:
    maximum = settings.CART_MAX_LINE_QUANTITY
    message = f"Enter a whole number from {minimum} to {maximum}."

    class QuantityForm(forms.Form):
        quantity = forms.IntegerField(
            min_value=minimum,
            max_value=maximum,
            error_messages={key: message for key in ("required", "invalid", "min_value", "max_value")},
        )

    return QuantityForm


AddForm = quantity_form(minimum=1)
SetQuantityForm = quantity_form(minimum=0)
