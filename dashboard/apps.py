from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The shop owner's side: the admin in the shop's name, the sales dashboard, the abandoned-cart reminder."""

    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        from django.contrib import admin

        from .admin_site import name_admin_site

        name_admin_site(admin.site)
