from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from web.forms import IntegerField
from web.localization import localize_digits


class LineForm(forms.Form):
    """Which line of the cart a change is for: each line's form carries its id, as a formset's forms do."""

    line = forms.IntegerField(min_value=1)


class SetQuantityForm(forms.Form):
    """A typed quantity, in Persian, Arabic-Indic or Latin digits; 0 removes the line."""

    minimum = 0
    quantity = IntegerField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # One message for every way a quantity can be wrong: empty, not a whole number, out of range.
        self.fields["quantity"].error_messages.update(required=self.range_message(), invalid=self.range_message())

    def range_message(self) -> str:
        return _("Enter a whole number from %(minimum)s to %(maximum)s.") % {
            "minimum": localize_digits(self.minimum),
            "maximum": localize_digits(settings.CART_MAX_LINE_QUANTITY),
        }

    def clean_quantity(self) -> int:
        quantity = self.cleaned_data["quantity"]
        if not self.minimum <= quantity <= settings.CART_MAX_LINE_QUANTITY:
            raise ValidationError(self.range_message(), code="range")
        return quantity


class AddForm(SetQuantityForm):
    """How many to add: at least one."""

    minimum = 1
