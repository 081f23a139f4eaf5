from django.apps import AppConfig


class WebConfig(AppConfig):
    """What every app's views share: htmx answers, redirects after a POST, the shopper check, toasts."""

    name = "web"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
