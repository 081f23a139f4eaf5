from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/place/", views.place_order, name="place"),
    path("orders/", views.order_list, name="list"),
    path("orders/addresses/", views.address_list, name="addresses"),
    path("orders/addresses/<int:address_id>/", views.address_edit, name="address_edit"),
    path("orders/addresses/<int:address_id>/save/", views.address_save, name="address_save"),
    path("orders/addresses/<int:address_id>/delete/", views.address_delete, name="address_delete"),
    path("orders/payments/<uuid:token>/", views.payment_page, name="payment"),
    path("orders/<str:reference>/", views.order_detail, name="detail"),
    path("orders/<str:reference>/pay/", views.pay, name="pay"),
    path("orders/<str:reference>/buy-again/", views.buy_again, name="buy_again"),
]
