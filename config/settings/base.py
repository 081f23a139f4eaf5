"""What every role shares. Values an operator changes come from the environment (django-environ)."""

import os
from decimal import Decimal
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

from .payment import DEMO_VARIANT, checkout_payment_variant, payment_variants
from .social import social_login_providers
from .storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with a field per language.
    "modeltranslation",
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
    "csp",
    "django_htmx",
    "health_check",
    "template_partials",
    "tailwind",
    "theme",
    "web",
    "store",
    "cart",
    "accounts",
    "dashboard",
    "reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accounts.csp.ShopCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads input: a NUL character would reach PostgreSQL and fail there (400 instead).
    "web.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The shopper's language: the language cookie set by the switcher, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "web.middleware.PersonalPagesNeverCachedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SocialProviderUnreachableMiddleware",
    "accounts.middleware.UnconfiguredSocialProviderMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"

# Content-Security-Policy (django-csp 4; README, "Operating the shop"). Scripts only from the shop
# and the one inline script with its per-response nonce (base.html); no inline styles (htmx's
# indicator styles are off), no eval (htmx runs with allowEval false). accounts.csp adds the
# configured social login providers to form-action: their logins redirect there after a POST.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "store.context_processors.catalog_nav",
                "cart.context_processors.cart_summary",
                "web.context_processors.personal_page",
                "orders.context_processors.demo_payments",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # How close a word of the query must be to a word of the catalog's vocabulary to be corrected to it
    # (store.selectors.search_correction): pg_trgm's word similarity, 0 to 1; its default 0.6 would miss
    # "pot" in "teapot", which scores 0.5.
    # Sent when the connection opens, so it costs no statement.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c pg_trgm.word_similarity_threshold=0.5"
    if env.bool("DATABASE_POOL", default=False):
        # Under ASGI each request runs in a thread of its own, so a connection cannot outlive its request
        # (CONN_MAX_AGE must stay 0): config.asgi turns this pool on, and a request borrows an open connection
        # instead of opening one. Each server process keeps 2 to DATABASE_POOL_MAX_SIZE open; a request waits
        # at most 3 s for one (and so, with the database down, 3 s for its 503).
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 2,
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=10),
            "timeout": 3,
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A real cache (never DummyCache): allauth's rate limits count attempts in it.
# REDIS_URL shares it across processes; the in-memory default needs no server.
# With Redis down the shop keeps working: web.cache logs it and the login limits fail open
# (README, "Operating the shop"). Short timeouts so an unreachable Redis costs little per request.
CACHES = {
    "default": (
        {
            "BACKEND": "web.cache.FailOpenRedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if env.str("REDIS_URL", default="")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Off by default so a fresh `make run` can sign up at once; "mandatory" in production.
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="none")
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# Counted in CACHES["default"]. Failed logins past the limit get the 429 page (templates/429.html).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}

# Who the client is, for the per-address login limits (README, "Operating the shop"). Behind a proxy
# REMOTE_ADDR is the proxy's, shared by every shopper. Set one of the two for the proxies you run:
# TRUSTED_PROXY_COUNT=1 takes the address that one proxy appended to X-Forwarded-For;
# TRUSTED_CLIENT_IP_HEADER=X-Real-IP takes a header your proxy always sets. Default: trust no header.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default=None)

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

LANGUAGE_CODE = "en"
# One URL per page in every language; the language cookie (set by the switcher) or Accept-Language picks it
# (README, "Languages"). Each language is named in its own language in the switcher.
LANGUAGES = [("en", "English"), ("fa", "فارسی")]
# A year, so the choice sticks; Lax so following a shared link keeps it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Catalog content in both languages (store/translation.py): a column per language, English the fallback
# wherever a Persian name or description is empty, and the language the admin fills slugs from.
MODELTRANSLATION_LANGUAGES = ("en", "fa")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploads and every picture variant: in the S3 bucket AWS_STORAGE_BUCKET_NAME names, shared by every server, or
    # on this server's disk (MEDIA_ROOT). README "Running on more than one server".
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# How many servers run the shop. More than one needs media and the database shared by all (deployment checks).
SHOP_INSTANCES = env.int("SHOP_INSTANCES", default=1)
# Product images are uploaded media; a small shop lets Django serve them.
# Behind a web server that serves MEDIA_ROOT itself, set SERVE_MEDIA=0.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

TAILWIND_APP_NAME = "theme"
# The npm project (package.json, the Tailwind CLI) sits at the repository's root, not in theme/.
TAILWIND_CSS_PATH = "css/dist/styles.css"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="shop@localhost")
# Used by the SMTP backend.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds an SMTP connection may wait for the mail server: a server that accepts and never answers fails the
# attempt (the worker retries it later) instead of holding a worker for good.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

SHOP_NAME = env.str("SHOP_NAME", default="Corner Store")
# The shop's name on Persian pages and in Persian emails (say "فروشگاه سر کوچه"); unset, SHOP_NAME in both languages.
# A setting, not the catalogue: each shop chooses its own name, which no translation file can know.
SHOP_NAME_FA = env.str("SHOP_NAME_FA", default="")
STORE_PAGE_SIZE = 12
# Most units of one product a cart line may hold (also a database constraint).
CART_MAX_LINE_QUANTITY = 99
# A shopper's other devices hear of their cart's changes at once (cart/events.py: Redis pub/sub, Server-Sent
# Events under ASGI); without Redis they catch up when their pages come back. The channel is shared by every
# database of the Redis server: one name per shop.
CART_EVENTS_REDIS_URL = env.str("CART_EVENTS_REDIS_URL", default=env.str("REDIS_URL", default=""))
CART_EVENTS_CHANNEL = env.str("CART_EVENTS_CHANNEL", default="corner-store:cart-versions")
# A cart with lines left unchanged this long is abandoned (the carts admin, the dashboard, the reminder).
# 10 hours is when Shopify sends its abandoned-checkout reminder by default.
SHOP_CART_ABANDONED_HOURS = env.int("SHOP_CART_ABANDONED_HOURS", default=10)
# An order placed within this many days after a cart reminder counts as recovered by it (the dashboard).
SHOP_REMINDER_RECOVERY_DAYS = 7
# Active products with this many units or fewer are listed on the dashboard as low on stock.
SHOP_LOW_STOCK_THRESHOLD = env.int("SHOP_LOW_STOCK_THRESHOLD", default=5)
# The carts admin's value filter: bands between these amounts of the shop's currency.
SHOP_CART_VALUE_BANDS = [Decimal(amount) for amount in env.list("SHOP_CART_VALUE_BANDS", default=["50", "200"])]

# --- Checkout, orders and payments (the orders app) ---------------------------------------
INSTALLED_APPS += ["django_countries", "payments", "orders"]
# Prices include VAT; an order shows the VAT it includes at this rate (0.20 is 20 %).
SHOP_VAT_RATE = Decimal(env.str("SHOP_VAT_RATE", default="0.20"))
SHOP_CURRENCY = env.str("SHOP_CURRENCY", default="USD")
# Shipping methods (prices, free-shipping threshold) are edited in the admin; abroad prices apply outside this country.
SHOP_HOME_COUNTRY = env.str("SHOP_HOME_COUNTRY", default="US")
# Unpaid orders older than this give their stock back: the scheduler checks every SCHEDULE_INTERVAL_SECONDS.
ORDER_PAYMENT_TIMEOUT_MINUTES = env.int("ORDER_PAYMENT_TIMEOUT_MINUTES", default=60)
# django-payments: Stripe when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set, else the demo provider, where
# nobody pays. Production refuses to start with the demo provider unless SHOP_DEMO_PAYMENTS=1, and then says on every
# page that payments are a demo (README, "Checkout and orders").
PAYMENT_MODEL = "orders.Payment"
SHOP_DEMO_PAYMENTS = env.bool("SHOP_DEMO_PAYMENTS", default=False)
PAYMENT_VARIANTS = payment_variants(os.environ, demo=True)
PAYMENT_DEMO_VARIANT = DEMO_VARIANT
CHECKOUT_PAYMENT_VARIANT = checkout_payment_variant(PAYMENT_VARIANTS)
# Where off-site providers send the shopper back to and deliver their notifications.
PAYMENT_HOST = env.str("PAYMENT_HOST", default="localhost:8000")
PAYMENT_USES_SSL = env.bool("PAYMENT_USES_SSL", default=True)
# An order's email is recorded with the order (orders.OrderEmail) and sent by the task queue; a failed attempt is
# tried again after ORDER_EMAIL_RETRY_SECONDS, doubling each time, until ORDER_EMAIL_MAX_ATTEMPTS, then shown as
# failed in the admin, where the owner can resend it.
ORDER_EMAIL_MAX_ATTEMPTS = env.int("ORDER_EMAIL_MAX_ATTEMPTS", default=8)
ORDER_EMAIL_RETRY_SECONDS = env.int("ORDER_EMAIL_RETRY_SECONDS", default=30)
# --------------------------------------------------------------------------------------------

# --- The task queue (Celery, config/celery.py; README "Running on more than one server") ------
# Redis or RabbitMQ (amqp://). Without a broker every task runs in the process that queues it, right after the
# transaction commits: `make run` and most tests need no worker. Production refuses to run that way (web.checks).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# How often the scheduler (celery beat) runs the shop's periodic jobs.
SCHEDULE_INTERVAL_SECONDS = env.int("SCHEDULE_INTERVAL_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    # Emails whose send was never queued or whose worker died mid-send; each goes out at most once.
    "send-due-order-emails": {"task": "orders.tasks.send_due_order_emails", "schedule": SCHEDULE_INTERVAL_SECONDS},
    "release-unpaid-orders": {"task": "orders.tasks.release_unpaid_orders", "schedule": SCHEDULE_INTERVAL_SECONDS},
    # Reminders about carts left SHOP_CART_ABANDONED_HOURS ago, to shoppers who agreed (reminders.services).
    "remind-abandoned-carts": {"task": "reminders.tasks.remind_abandoned_carts", "schedule": SCHEDULE_INTERVAL_SECONDS},
}
# --------------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- Product picture variants, page compression, the favicon, the wording of account pages ---
# sorl-thumbnail makes the sized WebP variants of product pictures (store/templatetags/pictures.py) the first time a
# page asks for them; which ones exist is kept in its key-value store: a database table read through CACHES["default"].
INSTALLED_APPS += ["sorl.thumbnail"]
THUMBNAIL_FORMAT = "WEBP"
THUMBNAIL_QUALITY = 80
# A variant never gets larger than the picture it is made from.
THUMBNAIL_UPSCALE = False
# Under MEDIA_ROOT. The names hash the source's name and the options, and a source name never gets new content (the
# storage gives an upload with a taken name a new one), so a thumbnail's URL is served as immutable (store.views).
THUMBNAIL_PREFIX = "thumbnails/"
# Variants are made in the storage their picture is in (STORAGES["default"]: the bucket or MEDIA_ROOT). On a server's
# own disk a record that a variant exists is trusted only while its file is there (store/thumbnails.py).
THUMBNAIL_KVSTORE = "store.thumbnails.KVStore"
# Records are kept per bucket: sorl's keys name the storage's class, not the bucket, so a new bucket would otherwise
# inherit the old one's records (in the shared cache) and link variants it does not hold.
if bucket := env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    THUMBNAIL_KEY_PREFIX = f"sorl-thumbnail-{bucket}"
# Every picture on a page looks its variants up in the cache; a miss is a query. The in-memory cache keeps 300 entries
# by default, fewer than a catalog's variants (up to 8 a product), so it keeps 20,000 (a few MB per process).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 20_000}

# Pages are compressed by Django for every role, so gunicorn needs no proxy in front to send them small. Right after
# whitenoise, which answers static files itself, already compressed. README "Compression" has why this is safe.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, "web.compression.TextGZipMiddleware"
)
# Files browsers ask for at the site's root (/favicon.ico), served by whitenoise.
WHITENOISE_ROOT = BASE_DIR / "public"
# The shop's catalogues: locale/fa (every string in Persian) and locale/en, the shop's own wording for allauth's
# strings ("Log in", "Sign up", "Remember me"). Preferred over the apps' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale"]
