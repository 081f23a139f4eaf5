from django.urls import path

from . import views

app_name = "cart"

urlpatterns = [
    path("", views.cart_detail, name="detail"),
    path("mini/", views.mini_cart, name="mini"),
    path("add/<int:product_id>/", views.add, name="add"),
    path("items/<int:item_id>/increase/", views.increase, name="increase"),
    path("items/<int:item_id>/decrease/", views.decrease, name="decrease"),
    path("items/<int:item_id>/quantity/", views.set_quantity, name="set_quantity"),
    path("items/<int:item_id>/remove/", views.remove, name="remove"),
    path("undo/", views.undo_remove, name="undo_remove"),
    path("clear/", views.clear, name="clear"),
]
