"""Helpers that several config test modules share: where the project is, and a production process's environment."""

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILT_CSS = ROOT / "theme" / "static" / "css" / "dist" / "styles.css"

# The variables the settings read: the settings tests clear them all, a production process inherits none of them.
SETTINGS_ENV = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "DATABASE_POOL",
    "DATABASE_POOL_MAX_SIZE",
    "REDIS_URL",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "SERVE_MEDIA",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "EMAIL_BACKEND",
    "ACCOUNT_EMAIL_VERIFICATION",
    "SHOP_NAME",
    "LOG_LEVEL",
    "TRUSTED_PROXY_COUNT",
    "TRUSTED_CLIENT_IP_HEADER",
    "CELERY_BROKER_URL",
    "EMAIL_TIMEOUT",
    "SCHEDULE_INTERVAL_SECONDS",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "SHOP_DEMO_PAYMENTS",
    "SHOP_INSTANCES",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_CUSTOM_DOMAIN",
    "PAYMENT_HOST",
]

# Set by the browser tests' conftest for this process only; a deployment never has it.
TEST_ONLY_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in {*SETTINGS_ENV, *TEST_ONLY_ENV}}
    # gunicorn's config.wsgi would choose production by itself; manage.py is told.
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="shop.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        # Production refuses to start without a real payment provider; these secrets are never used here.
        STRIPE_SECRET_KEY="sk_test_production_mode",
        STRIPE_WEBHOOK_SECRET="whsec_production_mode",
        PAYMENT_HOST="shop.example",
    )
    env.update(overrides)
    return env


def without_settings_module(env: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if name != "DJANGO_SETTINGS_MODULE"}
