"""Which payment providers (django-payments variants) the shop offers, from the environment."""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

DEMO_VARIANT = "default"
STRIPE_VARIANT = "stripe"
STRIPE_VARIABLES = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")
NO_REAL_PROVIDER = (
    "No payment provider is configured: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or set "
    "SHOP_DEMO_PAYMENTS=1 to run a demo shop where nobody pays (every page says so)."
)


def stripe_configured(environ: Mapping[str, str]) -> bool:
    """Stripe needs both: the secret key to create sessions, the webhook secret to trust what it reports back."""
    present = [name for name in STRIPE_VARIABLES if environ.get(name)]
    if len(present) == 1:
        missing = next(name for name in STRIPE_VARIABLES if name not in present)
        raise ImproperlyConfigured(
            f"{present[0]} is set but {missing} is not: Stripe needs both (README, 'Checkout and orders')."
        )
    return len(present) == 2


def payment_variants(environ: Mapping[str, str], *, demo: bool) -> dict[str, tuple[str, dict]]:
    """The demo provider (no money moves) when ``demo``; Stripe when its key and webhook secret are set."""
    variants: dict[str, tuple[str, dict]] = {}
    if demo:
        variants[DEMO_VARIANT] = ("orders.providers.DemoProvider", {})
    if stripe_configured(environ):
        variants[STRIPE_VARIANT] = (
            "orders.providers.StripeProvider",
            {"api_key": environ["STRIPE_SECRET_KEY"], "endpoint_secret": environ["STRIPE_WEBHOOK_SECRET"]},
        )
    if not variants:
        raise ImproperlyConfigured(NO_REAL_PROVIDER)
    return variants


def checkout_payment_variant(variants: Mapping[str, tuple[str, dict]]) -> str:
    """Shoppers pay with Stripe when it is configured, else with the demo provider."""
    return STRIPE_VARIANT if STRIPE_VARIANT in variants else DEMO_VARIANT
