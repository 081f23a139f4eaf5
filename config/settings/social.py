"""Social login providers switched on by environment variables."""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured


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
        oidc_app: dict[str, str | dict[str, str]] = {
            # Part of the callback URL: /accounts/oidc/<OIDC_PROVIDER_ID>/login/callback/
            "provider_id": environ.get("OIDC_PROVIDER_ID", "sso"),
            "name": environ.get("OIDC_PROVIDER_NAME", "Single sign-on"),
            "client_id": oidc["CLIENT_ID"],
            "secret": oidc["CLIENT_SECRET"],
            "settings": {"server_url": oidc["SERVER_URL"]},
        }
        providers["openid_connect"] = {"APPS": [oidc_app]}
    return providers
