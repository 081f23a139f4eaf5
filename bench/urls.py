from django.urls import path

from config.urls import handler404  # noqa: F401
from config.urls import urlpatterns as shop_urlpatterns

from .views import floor, page_shell

urlpatterns = [
    path("bench/floor/<int:item_id>/", floor, name="bench_floor"),
    path("bench/page-shell/", page_shell, name="bench_page_shell"),
    *shop_urlpatterns,
]
