from django.urls import path

from config.urls import handler404  # noqa: F401
from config.urls import urlpatterns as shop_urlpatterns

from .views import floor

urlpatterns = [path("bench/floor/<int:item_id>/", floor, name="bench_floor"), *shop_urlpatterns]
