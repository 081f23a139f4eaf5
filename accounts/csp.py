"""The Content-Security-Policy's form-action, widened to the configured social login providers."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Where allauth's GitHub and Google logins redirect (their OAuth authorization pages).
PROVIDER_ORIGINS = {"github": "https://github.com", "google": "https://accounts.google.com"}


def social_login_origins(providers: dict[str, dict]) -> list[str]:
    """The origins the configured providers' logins redirect to (OpenID Connect: its server's)."""
    origins = []
    for provider, config in providers.items():
        if provider in PROVIDER_ORIGINS:
            origins.append(PROVIDER_ORIGINS[provider])
        for app in config.get("APPS", []):
            if server_url := app.get("settings", {}).get("server_url"):
                parts = urlsplit(server_url)
                origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


class ShopCSPMiddleware(CSPMiddleware):
    """django-csp's middleware. A social login is a form POST answered with a redirect to the
    provider, and Chromium applies form-action to that redirect: the configured providers'
    origins are added to the settings' ``form-action 'self'``, read on every response so they
    follow SOCIALACCOUNT_PROVIDERS."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if origins := social_login_origins(settings.SOCIALACCOUNT_PROVIDERS):
            parts.update = {**(parts.update or {}), "form-action": origins}
        return parts
