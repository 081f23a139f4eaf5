"""Shoppers' carts for the owner to see, never to change: who, how many lines, how much, since when, in which state.

Fast at 100,000 carts: no full count (an estimate past 10,000 on PostgreSQL), no facet counts, and every figure
is computed for the page's carts only (cart.selectors.cart_owner_list).
"""

from decimal import Decimal

from django.conf import settings
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from store.money import format_money
from store.pagination import EstimatedCountPaginator
from web.admin_display import shown_as
from web.localization import format_shop_date, localize_digits

from .models import Cart, CartItem
from .selectors import CartState, cart_owner_list


class CartStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return CartState.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Cart]) -> QuerySet[Cart]:
        return queryset.filter(state=self.value()) if self.value() in CartState.values else queryset


def value_bands() -> list[tuple[Decimal | None, Decimal | None]]:
    """(from, below) pairs between the amounts of SHOP_CART_VALUE_BANDS: under the first, …, from the last."""
    bounds = [None, *sorted(settings.SHOP_CART_VALUE_BANDS), None]
    return list(zip(bounds, bounds[1:], strict=False))


class CartValueFilter(admin.SimpleListFilter):
    title = _("value")
    parameter_name = "value"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        choices = []
        for index, (low, high) in enumerate(value_bands()):
            if low is None:
                label = gettext("Under %(amount)s") % {"amount": format_money(high)}
            elif high is None:
                label = gettext("%(amount)s or more") % {"amount": format_money(low)}
            else:
                label = gettext("%(low)s to under %(high)s") % {"low": format_money(low), "high": format_money(high)}
            choices.append((str(index), label))
        return choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Cart]) -> QuerySet[Cart]:
        bands = value_bands()
        if not (self.value() or "").isdigit() or int(self.value()) >= len(bands):
            return queryset
        low, high = bands[int(self.value())]
        condition = Q()
        if low is not None:
            condition &= Q(value__gte=low)
        if high is not None:
            condition &= Q(value__lt=high)
        return queryset.filter(condition)


class CartLineInline(admin.TabularInline):
    model = CartItem
    fields = ["product", "quantity", "unit_price_shown", "price_today", "updated_at_shown"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    unit_price_shown = shown_as(CartItem, "unit_price", "money")
    updated_at_shown = shown_as(CartItem, "updated_at", "datetime")

    @admin.display(description=_("price today"))
    def price_today(self, line: CartItem) -> str:
        return format_money(line.product.price) if line.product.is_active else gettext("No longer sold")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CartItem]:
        return super().get_queryset(request).select_related("product")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Cart)
class CartAdmin(admin.ModelAdmin):
    list_display = ["shopper", "lines", "value_shown", "last_change_shown", "state_shown"]
    list_filter = [CartStateFilter, CartValueFilter]
    search_fields = ["user__email"]
    search_help_text = _("Part of the shopper's email address.")
    fields = ["shopper", "state_shown", "value_shown", "last_change_shown", "created_shown", "checkout_opened_shown"]
    readonly_fields = fields
    inlines = [CartLineInline]
    list_per_page = 50
    ordering = ["-pk"]  # the newest carts first, read along the primary key
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    created_shown = shown_as(Cart, "created_at", "datetime")
    checkout_opened_shown = shown_as(Cart, "checkout_opened_at", "datetime")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Cart]:
        return cart_owner_list(now=timezone.now())

    @admin.display(description=_("shopper"), ordering="user__email")
    def shopper(self, cart: Cart) -> str:
        return cart.user.email or cart.user.get_username()

    @admin.display(description=_("lines"), ordering="line_count")
    def lines(self, cart: Cart) -> str:
        return localize_digits(cart.line_count)

    @admin.display(description=_("value"), ordering="value")
    def value_shown(self, cart: Cart) -> str:
        return format_money(cart.value)

    @admin.display(description=_("last change"), ordering="last_change")
    def last_change_shown(self, cart: Cart) -> str:
        return format_shop_date(cart.last_change)

    @admin.display(description=_("state"), ordering="state")
    def state_shown(self, cart: Cart) -> str:
        return CartState(cart.state).label

    # Staff see carts; nobody changes a shopper's cart from the admin.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
