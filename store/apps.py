from django.apps import AppConfig
from django.db.backends.signals import connection_created

from .search_text import install_sqlite_functions


class StoreConfig(AppConfig):
    name = "store"

    def ready(self) -> None:
        connection_created.connect(install_sqlite_functions)
