"""Which payment providers (django-payments variants) the shop offers, from the environment."""

from collections.abc import Mapping

DUMMY_VARIANT = "default"


def payment_variants(environ: Mapping[str, str]) -> dict[str, tuple[str, dict]]:
    """The dummy provider always (a form where the tester chooses the outcome); Stripe when its key is set."""
    variants: dict[str, tuple[str, dict]] = {DUMMY_VARIANT: ("payments.dummy.DummyProvider", {})}
    if environ.get("STRIPE_SECRET_KEY"):
        variants["stripe"] = (
            "payments.stripe.StripeProviderV3",
            {
                "api_key": environ["STRIPE_SECRET_KEY"],
                "endpoint_secret": environ.get("STRIPE_WEBHOOK_SECRET") or None,
                "secure_endpoint": bool(environ.get("STRIPE_WEBHOOK_SECRET")),
            },
        )
    return variants


def checkout_payment_variant(environ: Mapping[str, str]) -> str:
    """Shoppers pay with Stripe when it is configured, else with the dummy provider."""
    return "stripe" if environ.get("STRIPE_SECRET_KEY") else DUMMY_VARIANT
