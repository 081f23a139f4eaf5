from typing import cast

from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from web.admin_display import shown_as
from web.forms import ADMIN_NUMBER_FIELDS
from web.localization import format_shop_date, isolate, localize_digits

from .forms import StockAdjustForm, StockRecountForm
from .models import Category, Product, ProductQuerySet, StockMovement, available_units
from .pagination import EstimatedCountPaginator
from .selectors import product_admin_search, product_name_order
from .services import StockChanged, StockError, stock_adjust, stock_recount
from .templatetags.stock import signed

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


def latest_movements(product: Product) -> QuerySet[StockMovement]:
    return product.movements.select_related("order", "staff")[:STOCK_BOOK_LINES]


def stock_book_url(product: Product) -> str:
    return f"{reverse('admin:store_stockmovement_changelist')}?product={product.pk}"


def stock_done_message(product: Product, movement: StockMovement) -> str:
    return gettext(
        "%(product)s: %(change)s (%(reason)s). On hand %(on_hand)s, allocated %(allocated)s, available %(available)s."
    ) % {
        "product": isolate(product.name),
        "change": signed(movement.on_hand_change),
        "reason": movement.get_reason_display(),
        "on_hand": localize_digits(product.on_hand),
        "allocated": localize_digits(product.allocated),
        "available": localize_digits(product.available),
    }


# Matches a PostgreSQL search ranks at most, as in the shop: a broad word costs what a rare one does.
SEARCH_MAX_MATCHES = 1001


class LowStockFilter(admin.SimpleListFilter):
    title = _("stock")
    parameter_name = "stock"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("low", gettext("Low stock"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Product]) -> QuerySet[Product]:
        if self.value() == "low":
            return cast(ProductQuerySet, queryset).low_stock()
        return queryset


@admin.register(Product)
class ProductAdmin(TranslationAdmin):
    list_display = [
        "thumbnail",
        "name",
        "category",
        "price",
        "available",
        "on_hand",
        "allocated",
        "stock_link",
        "is_active",
    ]
    list_display_links = ["thumbnail", "name"]
    # Never stock: a figure typed into a list loaded earlier would undo the sales made since (adjust or recount).
    list_editable = ["price", "is_active"]
    formfield_overrides = ADMIN_NUMBER_FIELDS
    list_filter = ["is_active", LowStockFilter, "category", "created_at"]
    list_select_related = ["category"]
    # On PostgreSQL the search uses the shop's search vector (both languages), best matches first (see
    # get_search_results); these fields serve SQLite.
    search_fields = ["name_en", "name_fa", "description_en", "description_fa", "slug"]
    search_help_text = _(
        "Words of the name, category or description in English or Persian (each as the start of a word), "
        "or an exact slug. Lists the best of the first 1,001 matches: add words to narrow a search down."
    )
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["available", "on_hand", "allocated", "stock_book", "created_shown", "updated_shown"]
    # In the owner's calendar (Jalali in Persian).
    created_shown = shown_as(Product, "created_at", "datetime")
    updated_shown = shown_as(Product, "updated_at", "datetime")
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

    @admin.display(description=_("stock"))
    def stock_link(self, product: Product) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:store_product_stock", args=[product.pk]), gettext("Adjust or recount")
        )

    @admin.display(description=_("stock book"))
    def stock_book(self, product: Product) -> str:
        """The latest movements, with a link to all of them and to the stock forms."""
        if product.pk is None:
            return gettext("Save the product, then receive its first units with “Adjust or recount”.")
        return render_to_string(
            "admin/store/product/_stock_book.html",
            {
                "movements": latest_movements(product),
                "book_url": stock_book_url(product),
                "stock_url": reverse("admin:store_product_stock", args=[product.pk]),
            },
        )

    def get_urls(self) -> list[URLPattern]:
        stock = path("<int:product_id>/stock/", self.admin_site.admin_view(self.stock_view), name="store_product_stock")
        return [stock, *super().get_urls()]

    def stock_view(self, request: HttpRequest, product_id: int) -> HttpResponse:
        """Adjust (+12 received, −1 broken) or recount ("I counted 7") one product's stock."""
        product = Product.objects.filter(pk=product_id).first()
        if product is None:
            raise Http404
        if not self.has_change_permission(request, product):
            raise PermissionDenied
        adjust_form = StockAdjustForm(prefix="adjust")
        recount_form = StockRecountForm(prefix="recount", initial={"expected": product.on_hand})
        recount_refused = ""
        if request.method == "POST" and "adjust" in request.POST:
            adjust_form = StockAdjustForm(request.POST, prefix="adjust")
            if adjust_form.is_valid():
                try:
                    change = stock_adjust(
                        product=product,
                        change=adjust_form.cleaned_data["change"],
                        reason=adjust_form.cleaned_data["reason"],
                        staff=request.user,
                        note=adjust_form.cleaned_data["note"],
                    )
                except StockError as error:
                    adjust_form.add_error(None, error)
                else:
                    self.message_user(request, stock_done_message(change.product, change.movement), messages.SUCCESS)
                    return HttpResponseRedirect(request.path)
        elif request.method == "POST" and "recount" in request.POST:
            recount_form = StockRecountForm(request.POST, prefix="recount")
            if recount_form.is_valid():
                try:
                    change = stock_recount(
                        product=product,
                        counted=recount_form.cleaned_data["counted"],
                        expected=recount_form.cleaned_data["expected"],
                        staff=request.user,
                        note=recount_form.cleaned_data["note"],
                    )
                except StockChanged as error:
                    # Count again against the figure as it is now: a fresh form shows it and expects it.
                    recount_form = StockRecountForm(prefix="recount", initial={"expected": error.on_hand})
                    recount_refused = str(error.message)
                except StockError as error:
                    recount_form.add_error(None, error)
                else:
                    self.message_user(request, stock_done_message(change.product, change.movement), messages.SUCCESS)
                    return HttpResponseRedirect(request.path)
        product.refresh_from_db()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Stock of %(product)s") % {"product": product.name},
            "opts": self.model._meta,
            "product": product,
            "adjust_form": adjust_form,
            "recount_form": recount_form,
            "recount_refused": recount_refused,
            "movements": latest_movements(product),
            "book_url": stock_book_url(product),
        }
        return TemplateResponse(request, "admin/store/product/stock.html", context)

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
