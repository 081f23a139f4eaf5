from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from web.forms import ADMIN_NUMBER_FIELDS
from web.localization import format_shop_date, localize_digits

from .models import Category, Product, StockMovement, available_units
from .pagination import EstimatedCountPaginator
from .selectors import product_admin_search, product_name_order

# TranslationAdmin (django-modeltranslation) shows each translated field once per language, English and
# Persian, and fills the slug from the English name: one ASCII slug whatever the shopper's language.


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_fa"]
    prepopulated_fields = {"slug": ["name"]}


STOCK_BOOK_LINES = 10
# What saving a product from its page or the list may write: everything but the stock book's figures and
# the search vector (the database writes that).
PRODUCT_FORM_FIELDS = [
    field.name
    for field in Product._meta.concrete_fields
    if not field.primary_key and field.name not in {"on_hand", "allocated", "search_vector", "created_at"}
]


def signed(number: int) -> str:
    return localize_digits(f"{number:+d}") if number else localize_digits(0)


# Matches a PostgreSQL search ranks at most, as in the shop: a broad word costs what a rare one does.
SEARCH_MAX_MATCHES = 1001


@admin.register(Product)
class ProductAdmin(TranslationAdmin):
    list_display = ["thumbnail", "name", "category", "price", "available", "on_hand", "allocated", "is_active"]
    list_display_links = ["thumbnail", "name"]
    # Never stock: a figure typed into a list loaded earlier would undo the sales made since (adjust or recount).
    list_editable = ["price", "is_active"]
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
    readonly_fields = ["available", "on_hand", "allocated", "stock_book", "created_at", "updated_at"]
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

    @admin.display(description=_("available"), ordering=available_units())
    def available(self, product: Product) -> int:
        return product.available

    @admin.display(description=_("stock book"))
    def stock_book(self, product: Product) -> str:
        """The latest movements, with a link to all of them."""
        if product.pk is None:
            return "—"
        latest = product.movements.select_related("order", "staff")[:STOCK_BOOK_LINES]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    format_shop_date(movement.created_at),
                    movement.get_reason_display(),
                    signed(movement.on_hand_change),
                    signed(movement.allocated_change),
                    movement.order or movement.staff or "",
                    movement.note,
                )
                for movement in latest
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            '<tbody>{}</tbody></table><p><a href="{}?product={}">{}</a></p>',
            gettext("when"),
            gettext("reason"),
            gettext("on hand"),
            gettext("allocated"),
            gettext("order or staff member"),
            gettext("note"),
            rows,
            reverse("admin:store_stockmovement_changelist"),
            product.pk,
            gettext("The whole stock book of this product"),
        )

    def save_model(self, request: HttpRequest, obj: Product, form, change: bool) -> None:
        """Saving the form writes the fields it shows, never on hand or allocated: those change by movements."""
        if not change:
            obj.save()
            return
        obj.save(update_fields=PRODUCT_FORM_FIELDS)

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


@admin.register(StockMovement)
class StockMovementAdmin(admin.ModelAdmin):
    """The stock book, read only: movements are written by the shop (store/services.py), never edited."""

    list_display = [
        "when",
        "product",
        "reason",
        "on_hand_change",
        "allocated_change",
        "on_hand_after",
        "allocated_after",
        "order",
        "staff",
        "note",
    ]
    list_filter = ["reason", "created_at"]
    list_select_related = ["product", "order", "staff"]
    search_fields = ["product__slug", "order__reference", "note"]
    show_full_result_count = False

    @admin.display(description=_("when"), ordering="created_at")
    def when(self, movement: StockMovement) -> str:
        return format_shop_date(movement.created_at)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
