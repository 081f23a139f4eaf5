from django.urls import path, register_converter

from . import views


class ReferenceConverter:
    """Letters and digits only: anything else (a NUL byte, which PostgreSQL refuses) is a 404, never a query."""

    regex = "[0-9A-Za-z]{1,12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")

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
    path("orders/<reference:reference>/", views.order_detail, name="detail"),
    path("orders/<reference:reference>/pay/", views.pay, name="pay"),
    path("orders/<reference:reference>/buy-again/", views.buy_again, name="buy_again"),
]
