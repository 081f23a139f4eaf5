import re

import pytest
from django.utils import translation

from orders.forms import AddressForm, CheckoutForm


def country_names(form) -> list[str]:
    return re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', str(form["country"]))


@pytest.mark.parametrize("form_class", [CheckoutForm, AddressForm])
def test_countries_are_listed_in_the_order_of_the_shoppers_alphabet(form_class):
    with translation.override("en"):
        english = country_names(form_class())
    with translation.override("fa"):
        persian = country_names(form_class())

    assert (
        english.index("Austria")
        < english.index("Germany")
        < english.index("Pakistan")
        < english.index("United Kingdom")
    )
    # In Persian: Germany (آلمان) before Austria (اتریش), since آ comes before ا; the United Kingdom (بریتانیا)
    # before Pakistan (پاکستان), since ب comes before پ; and پ before ت (Thailand, تایلند).
    assert persian.index("آلمان") < persian.index("اتریش")
    assert persian.index("بریتانیا") < persian.index("پاکستان") < persian.index("تایلند")
