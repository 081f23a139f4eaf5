"""The shop's production settings, plus the floor view's URL.

Only the SSL redirect is off, as behind a TLS-terminating proxy on loopback.
"""

import os

os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("PAYMENT_HOST", "127.0.0.1")
# Persistent connections, as in the load run (gunicorn with CONN_MAX_AGE=60).
os.environ.setdefault("CONN_MAX_AGE", "60")
# Placing an order sends its confirmation; kept in memory, not printed, like a fast mail relay.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Orders are paid with django-payments' dummy provider, as in the demo shop: the bench talks to no payment service.
os.environ.setdefault("SHOP_DEMO_PAYMENTS", "1")

from config.settings.production import *  # noqa: E402,F403
from config.settings.production import DATABASES  # noqa: E402

ROOT_URLCONF = "bench.urls"
# A throwaway database of its own, so a concurrent test run's test database is never touched
# (SQLite's is in memory anyway).
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("BENCH_TEST_DATABASE", "bench_inprocess")}
# Users are created by the thousand in the load run; their passwords are never checked.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
