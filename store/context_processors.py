from django.conf import settings
from django.http import HttpRequest

from .selectors import category_list


def catalog_nav(request: HttpRequest) -> dict:
    # A queryset is lazy: fragments that never show the nav never query it.
    return {"nav_categories": category_list(), "shop_name": settings.SHOP_NAME}
