from django.apps import AppConfig


class OrdersConfig(AppConfig):
    """Checkout, orders, their payments (django-payments) and the shopper's address book."""

    name = "orders"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the payment status handler)
