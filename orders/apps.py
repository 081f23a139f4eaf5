from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Checkout, orders, their payments (django-payments) and the shopper's address book."""

    name = "orders"
    verbose_name = _("Orders")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the payment status handler)
