"""Shipping methods' names and descriptions in English and Persian (django-modeltranslation, as the catalog's)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ShippingMethod


@register(ShippingMethod)
class ShippingMethodTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    # An empty Persian name is NULL, not "": the name stays unique per language.
    empty_values = {"name": None, "description": ""}
