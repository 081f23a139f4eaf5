from django.urls import path

from . import views

app_name = "cart"

urlpatterns = [
    path("", views.cart_detail, name="detail"),
    path("mini/", views.mini_cart, name="mini"),
    # For pages kept up to date (static/js/cart-sync.js): has the cart moved on, and what it is now.
    path("version/", views.version, name="version"),
    path("refresh/", views.refresh, name="refresh"),
    path("events/", views.events, name="events"),
    path("add/<int:product_id>/", views.add, name="add"),
    # The line a change is for is posted with it (LineForm), so a page reverses these once, not once per line.
    path("items/increase/", views.increase, name="increase"),
    path("items/decrease/", views.decrease, name="decrease"),
    path("items/quantity/", views.set_quantity, name="set_quantity"),
    path("items/remove/", views.remove, name="remove"),
    path("undo/", views.undo_remove, name="undo_remove"),
    path("clear/", views.clear, name="clear"),
]
