"""``manage.py check --deploy``: a shop about to take money says whether anyone can pay without paying."""

from django.conf import settings
from django.core import checks

from config.settings.payment import NO_REAL_PROVIDER


@checks.register(checks.Tags.security, deploy=True)
def demo_payments_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.CHECKOUT_PAYMENT_VARIANT != settings.PAYMENT_DEMO_VARIANT:
        return []
    if settings.SHOP_DEMO_PAYMENTS:
        return [
            checks.Warning(
                "Payments are a demo (SHOP_DEMO_PAYMENTS=1): shoppers pay nothing, and every page says so.",
                hint="Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to take real payments.",
                id="orders.W001",
            )
        ]
    return [
        checks.Error(
            NO_REAL_PROVIDER,
            hint="Anyone could mark their order paid with the demo provider's form.",
            id="orders.E001",
        )
    ]
