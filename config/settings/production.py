"""``config.wsgi`` (gunicorn): never in debug; refuses to start without a real SECRET_KEY or a real payment provider."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SHOP_DEMO_PAYMENTS, STORAGES, env
from .payment import checkout_payment_variant, payment_variants, stripe_configured

DEBUG = False

# env.str raises ImproperlyConfigured when the variable is missing.
SECRET_KEY = env.str("SECRET_KEY")
if len(SECRET_KEY) < 32 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value (at least 32 characters).")

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
if not SECURE_SSL_REDIRECT:
    # Turned off on purpose: the proxy in front redirects to HTTPS (or, trying production mode locally, there is
    # no TLS). Django's reminder to turn it on (W008) would fail `check --deploy --fail-level WARNING` for that.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
# Load balancers probe the health endpoints over plain HTTP, straight at gunicorn.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# The demo provider lets anyone pay with a click: only when the operator asks for a demo shop, never beside Stripe.
# Without Stripe and without SHOP_DEMO_PAYMENTS=1, payment_variants raises ImproperlyConfigured naming the variables.
PAYMENT_VARIANTS = payment_variants(os.environ, demo=SHOP_DEMO_PAYMENTS and not stripe_configured(os.environ))
CHECKOUT_PAYMENT_VARIANT = checkout_payment_variant(PAYMENT_VARIANTS)

# The shop's public host: payment providers send shoppers back to it and deliver their notifications there.
PAYMENT_HOST = env.str("PAYMENT_HOST", default="")
if not PAYMENT_HOST:
    raise ImproperlyConfigured(
        "Set PAYMENT_HOST to the shop's public host name: payment providers send shoppers back to it."
    )
