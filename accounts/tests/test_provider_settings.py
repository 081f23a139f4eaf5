"""Social providers are switched on by environment variables (config.settings.social_login_providers)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.social import social_login_providers


def test_no_variables_no_providers():
    assert social_login_providers({}) == {}


def test_each_provider_from_its_variables():
    providers = social_login_providers(
        {
            "GITHUB_CLIENT_ID": "gh-id",
            "GITHUB_CLIENT_SECRET": "gh-secret",
            "GOOGLE_CLIENT_ID": "g-id",
            "GOOGLE_CLIENT_SECRET": "g-secret",
            "OIDC_CLIENT_ID": "o-id",
            "OIDC_CLIENT_SECRET": "o-secret",
            "OIDC_SERVER_URL": "https://id.example.com/realms/shop",
            "OIDC_PROVIDER_NAME": "Example ID",
        }
    )

    assert providers["github"] == {"APPS": [{"client_id": "gh-id", "secret": "gh-secret"}]}
    assert providers["google"] == {"APPS": [{"client_id": "g-id", "secret": "g-secret"}]}
    assert providers["openid_connect"] == {
        "APPS": [
            {
                "provider_id": "sso",
                "name": "Example ID",
                "client_id": "o-id",
                "secret": "o-secret",
                "settings": {"server_url": "https://id.example.com/realms/shop"},
            }
        ]
    }


def test_only_configured_providers_are_on():
    assert list(social_login_providers({"GOOGLE_CLIENT_ID": "id", "GOOGLE_CLIENT_SECRET": "s"})) == ["google"]


def test_a_half_configured_provider_is_a_startup_error():
    with pytest.raises(ImproperlyConfigured, match="Set OIDC_SERVER_URL as well"):
        social_login_providers({"OIDC_CLIENT_ID": "id", "OIDC_CLIENT_SECRET": "s"})
