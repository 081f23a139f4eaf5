from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from .search_text import install_sqlite_functions


class StoreConfig(AppConfig):
    name = "store"
    verbose_name = _("Catalog")

    def ready(self) -> None:
        connection_created.connect(install_sqlite_functions)
        from .models import Category
        from .navigation import category_bar_changed

        post_save.connect(category_bar_changed, sender=Category, dispatch_uid="category_bar_changed_on_save")
        post_delete.connect(category_bar_changed, sender=Category, dispatch_uid="category_bar_changed_on_delete")
