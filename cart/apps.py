from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CartConfig(AppConfig):
    name = "cart"
    verbose_name = _("Carts")

    def ready(self) -> None:
        from . import pending, product_changes  # noqa: F401  (connect the login and product change handlers)
