from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .search_text import install_sqlite_functions


class StoreConfig(AppConfig):
    name = "store"
    verbose_name = _("Catalog")

    def ready(self) -> None:
        connection_created.connect(install_sqlite_functions)
