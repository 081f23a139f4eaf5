import pytest
from payments.core import PROVIDER_CACHE

from .stripe_events import STRIPE_VARIANTS


@pytest.fixture
def stripe_payments(settings):
    """The shop with Stripe configured beside the demo (django-payments caches its providers per variant)."""
    settings.PAYMENT_VARIANTS = STRIPE_VARIANTS
    settings.CHECKOUT_PAYMENT_VARIANT = "stripe"
    PROVIDER_CACHE.clear()
    yield
    PROVIDER_CACHE.clear()
