"""The owner's stock forms: a change relative to what is on hand now, or a count checked against the figure shown."""

from django import forms
from django.utils.translation import gettext_lazy as _

from web.forms import IntegerField, NumericTextInput

from .services import ADJUSTMENT_REASONS

NOTE_MAX_LENGTH = 200


class StockAdjustForm(forms.Form):
    change = IntegerField(
        label=_("Change"),
        help_text=_("Units received (12) or taken away (−1, broken or lost), whatever is on hand now."),
        widget=NumericTextInput({"class": "vIntegerField"}),
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[(reason.value, reason.label) for reason in ADJUSTMENT_REASONS]
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX_LENGTH, required=False)

    def clean_change(self) -> int:
        change = self.cleaned_data["change"]
        if change == 0:
            raise forms.ValidationError(_("Enter a change other than zero."), code="zero")
        return change


class StockRecountForm(forms.Form):
    counted = IntegerField(
        label=_("Counted on the shelf"),
        min_value=0,
        help_text=_("Every unit there, including those of orders not yet shipped."),
        widget=NumericTextInput({"class": "vIntegerField"}),
    )
    # The on-hand figure the page showed: the count is refused if it has changed since.
    expected = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX_LENGTH, required=False)
