"""A real OpenID Connect provider on loopback for social login tests (oidc-provider-mock)."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from oidc_provider_mock import User, run_server_in_thread

from config.settings.social import social_login_providers

PROVIDER_NAME = "Mock ID"
LOGIN_URL = "/accounts/oidc/sso/login/"

# People the provider knows; its authorize page has a button for each.
VERIFIED = User(sub="ada", claims={"email": "ada@example.com", "email_verified": True, "name": "Ada"})
UNVERIFIED = User(sub="mallory", claims={"email": "ada@example.com", "email_verified": False})
NEWCOMER = User(sub="grace", claims={"email": "grace@example.com", "email_verified": True, "name": "Grace"})


@contextmanager
def running_provider() -> Iterator[str]:
    """Serve the provider on a free loopback port; yield its URL."""
    with run_server_in_thread(user_claims=[VERIFIED, UNVERIFIED, NEWCOMER]) as server:
        yield f"http://127.0.0.1:{server.server_port}"


def provider_settings(server_url: str) -> dict[str, dict]:
    """SOCIALACCOUNT_PROVIDERS as the shop builds it from OIDC_* variables."""
    return social_login_providers(
        {
            "OIDC_CLIENT_ID": "corner-store",
            "OIDC_CLIENT_SECRET": "test-secret",
            "OIDC_SERVER_URL": server_url,
            "OIDC_PROVIDER_NAME": PROVIDER_NAME,
        }
    )


def unreachable_url() -> str:
    """A loopback URL where nothing listens: a provider that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
