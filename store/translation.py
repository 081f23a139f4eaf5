"""Catalog content in English and Persian (django-modeltranslation).

Each translated field gets a column per language on the same table (``name_en``, ``name_fa``…), so the
catalog's indexes, sorts and search stay reads of one table at a million products; ``product.name`` reads
the active language's column and falls back to English where the Persian one is empty. An empty name is
stored as NULL rather than "": a category's name stays unique per language, and products not yet named in
Persian sort after the named ones.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, Product


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)
    empty_values = {"name": None}


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    empty_values = {"name": None, "description": ""}
