"""Settings by role, read from the environment: each test imports a role afresh with its own variables."""

import importlib
import re
import secrets
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from .conftest import SETTINGS_ENV

BASE_DIR = Path(__file__).resolve().parents[2]
A_REAL_SECRET = secrets.token_urlsafe(50)

# A real payment provider, as production needs one (README, "Checkout and orders"); its secrets are never used here.
TEST_STRIPE_ENV = {"STRIPE_SECRET_KEY": "sk_test_settings", "STRIPE_WEBHOOK_SECRET": "whsec_settings"}
NO_STRIPE = {"STRIPE_SECRET_KEY": "", "STRIPE_WEBHOOK_SECRET": ""}


@pytest.fixture
def load_settings(monkeypatch):
    """Import a role's settings as a fresh process would, with only the given variables set."""

    def load(role: str = "development", **env: str) -> dict:
        if role == "production":  # which refuses to start without a payment provider; a test may take it away
            env = TEST_STRIPE_ENV | {"PAYMENT_HOST": "shop.example"} | env
        for name in SETTINGS_ENV:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        for name in [name for name in sys.modules if name.startswith("config.settings.")]:
            monkeypatch.delitem(sys.modules, name)
        module = importlib.import_module(f"config.settings.{role}")
        return {name: getattr(module, name) for name in dir(module) if name.isupper()}

    return load


def test_a_fresh_clone_needs_no_variables(load_settings):
    settings = load_settings()

    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"]
    assert settings["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASES"]["default"]["NAME"] == str(BASE_DIR / "db.sqlite3")
    assert settings["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert settings["STORAGES"]["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert settings["SERVE_MEDIA"] is True


def test_without_a_broker_tasks_run_in_process_and_with_one_they_go_to_the_queue(load_settings):
    fresh = load_settings()
    assert (fresh["CELERY_BROKER_URL"], fresh["CELERY_TASK_ALWAYS_EAGER"]) == ("", True)
    assert fresh["EMAIL_TIMEOUT"] == 10

    queued = load_settings(CELERY_BROKER_URL="redis://127.0.0.1:6379/2", SCHEDULE_INTERVAL_SECONDS="5")
    assert (queued["CELERY_BROKER_URL"], queued["CELERY_TASK_ALWAYS_EAGER"]) == ("redis://127.0.0.1:6379/2", False)
    assert {entry["schedule"] for entry in queued["CELERY_BEAT_SCHEDULE"].values()} == {5}


def test_a_bucket_name_moves_media_to_object_storage_where_no_name_is_reused(load_settings):
    assert load_settings()["STORAGES"]["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}

    media = load_settings(
        AWS_STORAGE_BUCKET_NAME="shop-media",
        AWS_S3_ENDPOINT_URL="https://s3.example:9000",
        AWS_S3_CUSTOM_DOMAIN="media.shop.example",
    )["STORAGES"]["default"]

    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    options = media["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"]) == ("shop-media", "https://s3.example:9000")
    assert options["custom_domain"] == "media.shop.example"
    assert (options["file_overwrite"], options["querystring_auth"]) == (False, False)
    # A new bucket starts without another bucket's records of which variants exist.
    assert load_settings(AWS_STORAGE_BUCKET_NAME="shop-media")["THUMBNAIL_KEY_PREFIX"] == "sorl-thumbnail-shop-media"
    assert "THUMBNAIL_KEY_PREFIX" not in load_settings()


def test_database_url_switches_to_postgresql(load_settings):
    settings = load_settings(DATABASE_URL="postgres://shop:pw@db.internal:5433/shop", CONN_MAX_AGE="60")

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"]) == ("db.internal", 5433)
    assert (database["NAME"], database["USER"]) == ("shop", "shop")
    assert database["CONN_MAX_AGE"] == 60
    # The typo-tolerant search's threshold, set as the connection opens (store/selectors.py).
    assert database["OPTIONS"]["options"] == "-c pg_trgm.word_similarity_threshold=0.5"


def test_a_database_pool_is_asked_for_by_the_environment(load_settings):
    postgresql = "postgres://shop:pw@db.internal:5433/shop"

    assert "pool" not in load_settings(DATABASE_URL=postgresql)["DATABASES"]["default"]["OPTIONS"]
    pooled = load_settings(DATABASE_URL=postgresql, DATABASE_POOL="1", DATABASE_POOL_MAX_SIZE="4")
    assert pooled["DATABASES"]["default"]["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 4, "timeout": 3}
    assert pooled["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


def test_redis_url_switches_the_cache_to_redis(load_settings):
    settings = load_settings(REDIS_URL="redis://127.0.0.1:6379/1")

    assert settings["CACHES"]["default"]["BACKEND"] == "web.cache.FailOpenRedisCache"
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_comma_separated_lists(load_settings):
    settings = load_settings(ALLOWED_HOSTS="shop.example,www.shop.example", CSRF_TRUSTED_ORIGINS="https://shop.example")

    assert settings["ALLOWED_HOSTS"] == ["shop.example", "www.shop.example"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://shop.example"]


@pytest.mark.parametrize(("value", "debug"), [("0", False), ("false", False), ("1", True), ("True", True)])
def test_development_debug_can_be_switched(load_settings, value, debug):
    assert load_settings(DEBUG=value)["DEBUG"] is debug


def test_production_never_runs_in_debug(load_settings):
    assert load_settings("production", DEBUG="1", SECRET_KEY=A_REAL_SECRET)["DEBUG"] is False


def test_production_refuses_to_start_without_a_secret_key(load_settings):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings("production")


@pytest.mark.parametrize("weak_key", ["short", "django-insecure-" + "x" * 40])
def test_production_refuses_a_weak_or_development_secret_key(load_settings, weak_key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings("production", SECRET_KEY=weak_key)


def test_production_refuses_to_start_without_a_payment_host(load_settings):
    with pytest.raises(ImproperlyConfigured, match="PAYMENT_HOST"):
        load_settings("production", SECRET_KEY=A_REAL_SECRET, PAYMENT_HOST="")


def test_production_hardens_cookies_and_transport(load_settings):
    settings = load_settings("production", SECRET_KEY=A_REAL_SECRET, ALLOWED_HOSTS="shop.example")

    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_behind_a_plain_http_test_setup_can_switch_off_the_https_redirect(load_settings):
    settings = load_settings(
        "production",
        SECRET_KEY=A_REAL_SECRET,
        PAYMENT_HOST="shop.example",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
    )

    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0


def test_static_and_media_folders_can_be_moved(load_settings, tmp_path):
    settings = load_settings(STATIC_ROOT=str(tmp_path / "static"), MEDIA_ROOT=str(tmp_path / "media"))

    assert settings["STATIC_ROOT"] == tmp_path / "static"
    assert settings["MEDIA_ROOT"] == tmp_path / "media"


def test_tests_hash_passwords_fast(load_settings):
    assert load_settings("test")["PASSWORD_HASHERS"] == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_no_forwarding_header_is_trusted_by_default(load_settings):
    settings = load_settings()

    assert settings["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert settings["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] is None


def test_the_trusted_proxies_come_from_the_environment(load_settings):
    settings = load_settings(TRUSTED_PROXY_COUNT="1", TRUSTED_CLIENT_IP_HEADER="X-Real-IP")

    assert settings["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert settings["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] == "X-Real-IP"


def test_production_lets_load_balancers_probe_health_over_plain_http(load_settings):
    exempt = load_settings("production", SECRET_KEY=A_REAL_SECRET)["SECURE_REDIRECT_EXEMPT"]

    assert any(re.search(pattern, "health/live/") for pattern in exempt)
    assert any(re.search(pattern, "health/") for pattern in exempt)
    assert not any(re.search(pattern, "cart/") for pattern in exempt)


class TestPaymentVariants:
    """The demo provider in development and tests; in production only on request; Stripe when both its variables are
    set."""

    STRIPE = {"STRIPE_SECRET_KEY": "sk_test_x", "STRIPE_WEBHOOK_SECRET": "whsec_y"}

    def test_development_pays_with_the_demo_provider(self, load_settings):
        settings = load_settings()

        assert settings["PAYMENT_VARIANTS"] == {"default": ("orders.providers.DemoProvider", {})}
        assert settings["CHECKOUT_PAYMENT_VARIANT"] == "default"
        assert settings["SHOP_DEMO_PAYMENTS"] is False

    def test_stripe_with_its_key_and_webhook_secret(self, load_settings):
        settings = load_settings(**self.STRIPE)

        assert settings["PAYMENT_VARIANTS"]["stripe"] == (
            "orders.providers.StripeProvider",
            {"api_key": "sk_test_x", "endpoint_secret": "whsec_y"},
        )
        assert settings["CHECKOUT_PAYMENT_VARIANT"] == "stripe"

    @pytest.mark.parametrize("variable", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
    def test_half_of_stripe_is_refused_in_every_role(self, load_settings, variable):
        with pytest.raises(ImproperlyConfigured, match="Stripe needs both"):
            load_settings(**{variable: self.STRIPE[variable]})

    def test_production_without_a_provider_refuses_to_start_naming_the_variables(self, load_settings):
        with pytest.raises(ImproperlyConfigured) as refusal:
            load_settings("production", SECRET_KEY=A_REAL_SECRET, **NO_STRIPE)

        assert "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET" in str(refusal.value)
        assert "SHOP_DEMO_PAYMENTS=1" in str(refusal.value)

    def test_production_with_stripe_offers_no_demo(self, load_settings):
        settings = load_settings("production", SECRET_KEY=A_REAL_SECRET, SHOP_DEMO_PAYMENTS="1", **self.STRIPE)

        assert list(settings["PAYMENT_VARIANTS"]) == ["stripe"]
        assert settings["CHECKOUT_PAYMENT_VARIANT"] == "stripe"

    def test_production_runs_the_demo_only_when_asked(self, load_settings):
        settings = load_settings("production", SECRET_KEY=A_REAL_SECRET, SHOP_DEMO_PAYMENTS="1", **NO_STRIPE)

        assert list(settings["PAYMENT_VARIANTS"]) == ["default"]
        assert settings["CHECKOUT_PAYMENT_VARIANT"] == "default"
        assert settings["SHOP_DEMO_PAYMENTS"] is True
