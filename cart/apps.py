from django.apps import AppConfig


class CartConfig(AppConfig):
    name = "cart"

    def ready(self) -> None:
        from . import pending  # noqa: F401  (connects the login handler)
