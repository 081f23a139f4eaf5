"""The reminders sent, for the owner to see (read-only): whom, about which cart, when, and what became of each."""

from django.contrib import admin
from django.http import HttpRequest

from web.admin_display import shown_as

from .models import CartReminder


@admin.register(CartReminder)
class CartReminderAdmin(admin.ModelAdmin):
    list_display = ["user", "state", "value_shown", "cart_changed_shown", "sent_shown", "attempts"]
    list_filter = ["state"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = readonly_fields = (
        "user",
        "state",
        "value_shown",
        "cart_changed_shown",
        "sent_shown",
        "attempts",
        "last_error",
    )
    value_shown = shown_as(CartReminder, "value", "money")
    cart_changed_shown = shown_as(CartReminder, "cart_changed_at", "datetime")
    sent_shown = shown_as(CartReminder, "sent_at", "datetime")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
