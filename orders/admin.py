"""The shop owner's side: orders with their lines, payments and history; actions that change a status once."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from web.admin_display import shown_as
from web.forms import ADMIN_NUMBER_FIELDS

from . import services
from .models import POSTAL_ADDRESS_FIELDS, Order, OrderLine, OrderStatusChange, Payment, ShippingMethod


@admin.register(ShippingMethod)
class ShippingMethodAdmin(TranslationAdmin):
    list_display = ["name", "price", "price_abroad", "free_above", "position", "is_active"]
    list_editable = ["price", "price_abroad", "free_above", "position", "is_active"]
    formfield_overrides = ADMIN_NUMBER_FIELDS


class ReadOnlyInline(admin.TabularInline):
    """Amounts, rates and dates shown as the owner reads them (``*_shown``), nothing to edit or add."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ["product_name", "product_reference", "unit_price_shown", "quantity", "line_total_shown", "vat_shown"]
    readonly_fields = fields
    unit_price_shown = shown_as(OrderLine, "unit_price", "money")
    line_total_shown = shown_as(OrderLine, "line_total", "money")
    vat_shown = shown_as(OrderLine, "vat_amount", "money")


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ["created_shown", "variant", "status", "total_shown", "transaction_id", "message"]
    readonly_fields = fields
    created_shown = shown_as(Payment, "created", "datetime")
    total_shown = shown_as(Payment, "total", "money")


class OrderStatusChangeInline(ReadOnlyInline):
    model = OrderStatusChange
    fields = ["changed_at_shown", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    changed_at_shown = shown_as(OrderStatusChange, "changed_at", "datetime")


def status_action(
    transition: Callable[..., bool], *, description: str, done: str
) -> Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Order]], None]:
    """An admin action applying one status change to each selected order; those it does not apply to are named."""

    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        changed, skipped = [], []
        for order in queryset.order_by("pk"):
            (changed if transition(order=order, changed_by=request.user) else skipped).append(order.reference)
        if changed:
            modeladmin.message_user(
                request,
                gettext("%(done)s: %(orders)s.") % {"done": done, "orders": ", ".join(changed)},
                messages.SUCCESS,
            )
        if skipped:
            modeladmin.message_user(
                request,
                gettext("Not changed (their status does not allow it): %(orders)s.") % {"orders": ", ".join(skipped)},
                messages.WARNING,
            )

    action.__name__ = transition.__name__
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["reference", "placed", "email", "status", "total_shown"]
    list_filter = ["status", "payments__status", "created_at"]
    search_fields = ["reference", "email"]
    date_hierarchy = "created_at"
    inlines = [OrderLineInline, PaymentInline, OrderStatusChangeInline]
    actions = [
        status_action(services.order_mark_paid, description=_("Mark paid (offline payment)"), done=_("Marked paid")),
        status_action(
            services.order_mark_shipped, description=_("Mark shipped (emails the shopper)"), done=_("Shipped")
        ),
        status_action(services.order_mark_delivered, description=_("Mark delivered"), done=_("Delivered")),
        status_action(services.order_cancel, description=_("Cancel and return stock"), done=_("Cancelled")),
    ]
    fieldsets = [
        (None, {"fields": ["reference", "status", "placed", "user", "email"]}),
        (
            _("Ship to"),
            {"fields": [*POSTAL_ADDRESS_FIELDS, "shipping_method"]},
        ),
        (
            _("Totals"),
            {"fields": ["subtotal_shown", "shipping_cost_shown", "total_shown", "vat_rate_shown", "vat_shown"]},
        ),
    ]
    # The date in the owner's calendar (Jalali in Persian), amounts in the shop's currency, the rate in percent.
    placed = shown_as(Order, "created_at", "datetime")
    subtotal_shown = shown_as(Order, "subtotal", "money")
    shipping_cost_shown = shown_as(Order, "shipping_cost", "money")
    total_shown = shown_as(Order, "total", "money")
    vat_rate_shown = shown_as(Order, "vat_rate", "percentage")
    vat_shown = shown_as(Order, "vat_amount", "money")

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return [name for _name, options in self.fieldsets for name in options["fields"]]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # An order's page is read-only (no Save button): status changes go through the actions on the list,
        # which keep the stock and the history right and need the change permission.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
