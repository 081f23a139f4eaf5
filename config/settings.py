"""Settings read from the environment, with defaults that work on a fresh clone.

Development (the default) needs nothing: SQLite in the project folder, an
in-memory cache and mail printed to the console. Production mode is
``DEBUG=0`` plus a real ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-dev-only-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value when DEBUG=0.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.openid_connect",
    "django_htmx",
    "template_partials",
    "tailwind",
    "theme",
    "store",
    "cart",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SocialProviderUnreachableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "store.context_processors.catalog_nav",
                "cart.context_processors.cart_summary",
                "config.context_processors.csrf_input",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A real cache (never DummyCache): allauth's rate limits count attempts in it.
# REDIS_URL shares it across processes; the in-memory default needs no server.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Off by default so a fresh `make run` can sign up at once; "mandatory" in production.
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "none")
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# Counted in CACHES["default"]. Failed logins past the limit get the 429 page (templates/429.html).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}


def env_group(environ: Mapping[str, str], prefix: str, names: tuple[str, ...]) -> dict[str, str] | None:
    """PREFIX_NAME for each name: None when none is set; setting only some is a mistake."""
    values = {name: environ.get(f"{prefix}_{name}", "") for name in names}
    if not any(values.values()):
        return None
    missing = [f"{prefix}_{name}" for name, value in values.items() if not value]
    if missing:
        raise ImproperlyConfigured(f"Set {', '.join(missing)} as well, or none of the {prefix}_* variables.")
    return values


def social_login_providers(environ: Mapping[str, str]) -> dict[str, dict]:
    """allauth's provider apps for the providers whose variables are set (their buttons show on login)."""
    providers: dict[str, dict] = {}
    for provider, prefix in (("github", "GITHUB"), ("google", "GOOGLE")):
        if app := env_group(environ, prefix, ("CLIENT_ID", "CLIENT_SECRET")):
            providers[provider] = {"APPS": [{"client_id": app["CLIENT_ID"], "secret": app["CLIENT_SECRET"]}]}
    if oidc := env_group(environ, "OIDC", ("CLIENT_ID", "CLIENT_SECRET", "SERVER_URL")):
        app = {
            # Part of the callback URL: /accounts/oidc/<OIDC_PROVIDER_ID>/login/callback/
            "provider_id": environ.get("OIDC_PROVIDER_ID", "sso"),
            "name": environ.get("OIDC_PROVIDER_NAME", "Single sign-on"),
            "client_id": oidc["CLIENT_ID"],
            "secret": oidc["CLIENT_SECRET"],
            "settings": {"server_url": oidc["SERVER_URL"]},
        }
        providers["openid_connect"] = {"APPS": [app]}
    return providers


SOCIALACCOUNT_PROVIDERS = social_login_providers(os.environ)
SOCIALACCOUNT_QUERY_EMAIL = True
# A social login whose email the provider reports as verified logs in to the local account
# with that email and connects to it. Unverified provider emails never match an account.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# A GET only shows a "Continue" button: login starts with a CSRF-protected POST.
SOCIALACCOUNT_LOGIN_ON_GET = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Product images are uploaded media; a small shop lets Django serve them.
# Behind a web server that serves MEDIA_ROOT itself, set SERVE_MEDIA=0.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

TAILWIND_APP_NAME = "theme"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "shop@localhost")
# Used by the SMTP backend.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

SHOP_NAME = os.environ.get("SHOP_NAME", "Corner Store")
STORE_PAGE_SIZE = 12
# Most units of one product a cart line may hold (also a database constraint).
CART_MAX_LINE_QUANTITY = 99

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
