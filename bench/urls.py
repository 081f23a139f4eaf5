from django.urls import path

from config.urls import handler404, urlpatterns as shop_urlpatterns  # noqa: F401

from .views import floor

urlpatterns = [path("bench/floor/<int:item_id>/", floor, name="bench_floor"), *shop_urlpatterns]
