"""django-payments' callback URLs, answered by the shop (orders.payment_views): 404 for an unknown variant or
payment, 400 for input the provider does not vouch for, never a 500. Named as django-payments names them, so
``Payment.get_process_url`` finds them."""

from django.urls import path, re_path

from . import payment_views

urlpatterns = [
    # One URL per payment: where a provider sends the shopper back, or delivers that payment's notifications.
    path("process/<uuid:token>/", payment_views.process_payment, name="process_payment"),
    # One URL per provider, for its webhook (Stripe: /payments/process/stripe/).
    re_path(r"^process/(?P<variant>[a-z-]+)/$", payment_views.process_provider_event, name="static_process_payment"),
]
