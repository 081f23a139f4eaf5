from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from reminders.forms import CONSENT_HELP, CONSENT_LABEL
from web.forms import DigitsCharField

from .models import POSTAL_ADDRESS_FIELDS, Address, Order, ShippingMethod
from .selectors import shipping_methods
from .services import ShippingDetails


class AccessibleErrorsMixin(forms.BaseForm):
    """Fields with errors say so to assistive technology and point at their message (``<id>_errors``)."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}_errors"


# Email addresses, postal codes and phone numbers read left to right in Persian too (dir="ltr" on their fields):
# right to left, "+۹۸ ۹۱۲ ۳۴۵" would show its groups of digits in reverse order. Names, streets and cities take the
# direction of what is typed (dir="auto"): "1 Main Street" typed on a Persian page stays "1 Main Street".


class AddressForm(AccessibleErrorsMixin, forms.ModelForm):
    """An address of the shopper's address book; the checkout's address too (CheckoutForm)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.RadioSelect | forms.HiddenInput):
                field.widget.attrs["class"] = "field-input"

    class Meta:
        model = Address
        fields = POSTAL_ADDRESS_FIELDS
        labels = {"phone": _("Phone (optional)")}
        # Typed with Persian or Arabic-Indic digits, kept with Latin ones: couriers and payment providers read them.
        field_classes = {"postal_code": DigitsCharField, "phone": DigitsCharField}
        error_messages = {
            "full_name": {"required": _("Enter the name of the person receiving the order.")},
            "street": {"required": _("Enter the street and house number.")},
            "city": {"required": _("Enter the city.")},
            "postal_code": {"required": _("Enter the postal code.")},
            "country": {"required": _("Choose a country."), "invalid_choice": _("Choose a country from the list.")},
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "shipping name", "dir": "auto"}),
            "street": forms.TextInput(attrs={"autocomplete": "shipping street-address", "dir": "auto"}),
            "city": forms.TextInput(attrs={"autocomplete": "shipping address-level2", "dir": "auto"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "shipping postal-code", "dir": "ltr"}),
            "country": forms.Select(attrs={"autocomplete": "shipping country"}),
            "phone": forms.TextInput(attrs={"autocomplete": "shipping tel", "type": "tel", "dir": "ltr"}),
        }

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(char.isdecimal() or char in "+-() ." for char in phone):
            raise forms.ValidationError(_("Enter a phone number with digits, spaces and + - ( ) only."))
        return phone


STALE_CHECKOUT = _("The checkout page was out of date. Check your order and place it again.")


class CheckoutForm(AddressForm):
    """Everything the shopper fills in at checkout: the email, the address (as the address book asks for it), the
    shipping method, plus the hidden token and the total they saw. Never saved itself: placing the order copies the
    address into the order and the address book (orders.services)."""

    field_order = ["email"]  # then the address, then the rest as declared
    email = forms.EmailField(
        label=_("Email for the order confirmation"),
        max_length=Order._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter a valid email address."),
            "max_length": _("Enter an email address of at most %(limit_value)d characters."),
        },
    )
    # The checkout page writes each choice itself: its name, description and price (orders/checkout.html).
    shipping_method: "forms.ModelChoiceField[ShippingMethod]" = forms.ModelChoiceField(
        queryset=ShippingMethod.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a shipping method."),
            "invalid_choice": _("Choose one of the shipping methods."),
        },
    )
    # Off unless the shopper agreed before (their account) or ticks it here; saved when the order is placed.
    cart_reminders = forms.BooleanField(label=CONSENT_LABEL, help_text=CONSENT_HELP, required=False)
    checkout_token = forms.UUIDField(widget=forms.HiddenInput)
    expected_total = forms.DecimalField(max_digits=12, decimal_places=2, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["shipping_method"]).queryset = shipping_methods()
        self.fields["country"].initial = settings.SHOP_HOME_COUNTRY
        # A tampered or stale hidden field: the page is simply shown again with fresh values.
        for hidden in ("checkout_token", "expected_total"):
            self.fields[hidden].error_messages.update(required=STALE_CHECKOUT, invalid=STALE_CHECKOUT)

    def refuse_token(self) -> None:
        """The token placed someone else's order: the same answer as a stale page."""
        self.add_error("checkout_token", STALE_CHECKOUT)

    def shipping_details(self) -> ShippingDetails:
        data = self.cleaned_data
        return ShippingDetails(
            email=data["email"],
            address={name: str(data[name]) for name in POSTAL_ADDRESS_FIELDS},
            shipping_method=data["shipping_method"],
        )


class TotalsForm(forms.Form):
    """The two choices the totals depend on, read leniently: anything unknown falls back to the default."""

    country = CountryField(blank=True).formfield(required=False)
    shipping_method: "forms.ModelChoiceField[ShippingMethod]" = forms.ModelChoiceField(
        queryset=ShippingMethod.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["shipping_method"]).queryset = shipping_methods()

    def choices(self, *, default_country: str) -> tuple[ShippingMethod | None, str]:
        data = self.cleaned_data if self.is_valid() else {}
        method = data.get("shipping_method") or shipping_methods().first()
        return method, str(data.get("country") or default_country)
