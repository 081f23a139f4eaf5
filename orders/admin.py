"""The shop owner's side: orders with their lines, payments and history; actions that change a status once."""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from web.admin_display import shown_as
from web.forms import ADMIN_NUMBER_FIELDS

from . import emails, services
from .models import (
    POSTAL_ADDRESS_FIELDS,
    Order,
    OrderEmail,
    OrderEmailState,
    OrderLine,
    OrderStatusChange,
    Payment,
    ShippingMethod,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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
    readonly_fields = (
        "product_name",
        "product_reference",
        "unit_price_shown",
        "quantity",
        "line_total_shown",
        "vat_shown",
    )
    fields = readonly_fields
    unit_price_shown = shown_as(OrderLine, "unit_price", "money")
    line_total_shown = shown_as(OrderLine, "line_total", "money")
    vat_shown = shown_as(OrderLine, "vat_amount", "money")


class PaymentInline(ReadOnlyInline):
    model = Payment
    readonly_fields = ("created_shown", "variant", "status", "total_shown", "transaction_id", "message")
    fields = readonly_fields
    created_shown = shown_as(Payment, "created", "datetime")
    total_shown = shown_as(Payment, "total", "money")


class OrderEmailInline(ReadOnlyInline):
    model = OrderEmail
    readonly_fields = ("kind", "state", "attempts", "last_error", "next_attempt_shown", "sent_shown", "resend")
    fields = readonly_fields
    next_attempt_shown = shown_as(OrderEmail, "next_attempt_at", "datetime")
    sent_shown = shown_as(OrderEmail, "sent_at", "datetime")

    @admin.display(description=_("resend"))
    def resend(self, email: OrderEmail) -> str:
        """A button of the order's form posting it to the resend view (forms cannot nest)."""
        if email.state == OrderEmailState.QUEUED:
            return "—"
        url = reverse("admin:orders_order_resend_email", args=[email.order_id, email.pk])
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post">{}</button>',
            url,
            gettext("Resend"),
        )


class OrderStatusChangeInline(ReadOnlyInline):
    model = OrderStatusChange
    readonly_fields = ("changed_at_shown", "from_status", "to_status", "changed_by", "note")
    fields = readonly_fields
    changed_at_shown = shown_as(OrderStatusChange, "changed_at", "datetime")


def status_action(
    transition: Callable[..., bool], *, description: "StrOrPromise", done: "StrOrPromise"
) -> Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Order]], None]:
    """An admin action applying one status change to each selected order; those it does not apply to are named."""

    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        changed: list[str] = []
        skipped: list[str] = []
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
    inlines = [OrderLineInline, PaymentInline, OrderEmailInline, OrderStatusChangeInline]
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
        return [name for _name, options in self.fieldsets for name in options["fields"] if isinstance(name, str)]

    def get_urls(self) -> list[URLPattern]:
        resend = path(
            "<path:object_id>/emails/<int:email_id>/resend/",
            self.admin_site.admin_view(self.resend_email),
            name="orders_order_resend_email",
        )
        return [resend, *super().get_urls()]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # An order's page is read-only (no Save button): status changes go through the actions on the list,
        # which keep the stock and the history right and need the change permission.
        return obj is None and super().has_change_permission(request)

    def resend_email(self, request: HttpRequest, object_id: str, email_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        order = self.get_object(request, object_id)
        # The staff who may change orders (the order's own page is read-only for everyone).
        if order is None or not self.has_change_permission(request):
            raise Http404
        email = get_object_or_404(OrderEmail, pk=email_id, order=order)
        resend_emails(self, request, [email])
        return redirect("admin:orders_order_change", order.pk)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def resend_emails(modeladmin: admin.ModelAdmin, request: HttpRequest, selected: Iterable[OrderEmail]) -> None:
    resent = []
    for email in selected:
        emails.order_email_resend(email=email)
        resent.append(f"{email.order.reference} ({email.get_kind_display()})")
    modeladmin.message_user(
        request, gettext("Queued to send again: %(emails)s.") % {"emails": ", ".join(resent)}, messages.SUCCESS
    )


@admin.register(OrderEmail)
class OrderEmailAdmin(admin.ModelAdmin):
    """Every order's emails, to find the failed ones after a mail server outage and send them again."""

    list_display = ["order", "kind", "state", "attempts", "last_error", "next_attempt_shown", "sent_shown"]
    list_filter = ["state", "kind"]
    search_fields = ["order__reference", "order__email"]
    list_select_related = ["order"]
    actions = ["resend"]
    next_attempt_shown = shown_as(OrderEmail, "next_attempt_at", "datetime")
    sent_shown = shown_as(OrderEmail, "sent_at", "datetime")

    @admin.action(description=_("Resend the selected emails"), permissions=["change"])
    def resend(self, request: HttpRequest, queryset: QuerySet[OrderEmail]) -> None:
        resend_emails(self, request, queryset.select_related("order").order_by("pk"))

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # Written by the shop only; the owner's one change is the resend action.
        return [field.name for field in OrderEmail._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
