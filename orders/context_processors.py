from django.conf import settings
from django.http import HttpRequest


def demo_payments(request: HttpRequest) -> dict[str, bool]:
    """Whether base.html says on every page that payments are a demo (SHOP_DEMO_PAYMENTS=1, no real provider)."""
    return {
        "demo_payments": settings.SHOP_DEMO_PAYMENTS
        and settings.CHECKOUT_PAYMENT_VARIANT == settings.PAYMENT_DEMO_VARIANT
    }
