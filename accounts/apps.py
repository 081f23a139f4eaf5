from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """The shop's adjustments to django-allauth (it has no models of its own)."""

    name = "accounts"
