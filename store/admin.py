from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from web.forms import ADMIN_NUMBER_FIELDS

from .models import Category, Product
from .pagination import EstimatedCountPaginator
from .selectors import product_admin_search, product_name_order

# TranslationAdmin (django-modeltranslation) shows each translated field once per language, English and
# Persian, and fills the slug from the English name: one ASCII slug whatever the shopper's language.


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_fa"]
    prepopulated_fields = {"slug": ["name"]}


# Matches a PostgreSQL search ranks at most, as in the shop: a broad word costs what a rare one does.
SEARCH_MAX_MATCHES = 1001


@admin.register(Product)
class ProductAdmin(TranslationAdmin):
    list_display = ["thumbnail", "name", "category", "price", "stock", "is_active", "updated_at"]
    list_display_links = ["thumbnail", "name"]
    list_editable = ["price", "stock", "is_active"]
    formfield_overrides = ADMIN_NUMBER_FIELDS
    list_filter = ["is_active", "category", "created_at"]
    list_select_related = ["category"]
    # On PostgreSQL the search uses the shop's search vector (both languages), best matches first (see
    # get_search_results); these fields serve SQLite.
    search_fields = ["name_en", "name_fa", "description_en", "description_fa", "slug"]
    search_help_text = _(
        "Words of the name, category or description in English or Persian (each as the start of a word), "
        "or an exact slug. Lists the best of the first 1,001 matches: add words to narrow a search down."
    )
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    list_per_page = 50
    # A million products: order by an index (the name in the owner's language, id; see get_ordering), never
    # COUNT(*) the whole table (the paginator estimates large lists, and no second "of N total" count), no
    # facet counts.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    @admin.display(description=_("image"))
    def thumbnail(self, product: Product) -> str:
        if not product.image:
            return "—"
        return format_html('<img src="{}" alt="" width="40" height="40">', product.image.url)

    def get_ordering(self, request: HttpRequest) -> tuple:
        return product_name_order()

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Product], search_term: str
    ) -> tuple[QuerySet[Product], bool]:
        if connection.vendor != "postgresql" or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        matches = product_admin_search(products=queryset, search_term=search_term, max_matches=SEARCH_MAX_MATCHES)
        if ORDER_VAR not in request.GET:
            # The best matches first, unless the owner sorts by a column. Ordered by name, a broad search
            # would be read along the name index, row by row, looking for matches.
            matches = matches.order_by("-search_rank", *product_name_order())
        return matches, False
