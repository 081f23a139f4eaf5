from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from web.localization import shop_name

from .navigation import category_bar_version
from .selectors import category_list


def catalog_nav(request: HttpRequest) -> dict:
    # Lazy: the categories are read only when the cached category bar (base.html) is missing, the version only
    # by pages that show the bar.
    return {
        "nav_categories": category_list(),
        "nav_version": SimpleLazyObject(category_bar_version),
        "shop_name": shop_name(),
    }
