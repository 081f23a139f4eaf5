from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Checkout, orders, their payments (django-payments) and the shopper's address book."""

    name = "orders"
    verbose_name = _("Orders")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (registers the deployment check, connects the payment handler)
