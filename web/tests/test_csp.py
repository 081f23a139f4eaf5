"""A strict Content-Security-Policy on every page, and htmx configured to need nothing it forbids."""

import html
import json
import re

import pytest

from config.settings.social import social_login_providers
from tests.oidc_provider import provider_settings

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def test_scripts_only_from_the_shop_and_the_pages_nonce(client):
    response = client.get("/")
    policy = directives(response)

    nonce = re.search(r'<script nonce="([^"]+)">', response.content.decode()).group(1)
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_nothing_else_is_allowed_from_elsewhere(client):
    policy = directives(client.get("/"))

    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_each_response_gets_its_own_nonce(client):
    first, second = (directives(client.get("/"))["script-src"] for _ in range(2))

    assert first != second


def test_htmx_runs_without_eval_script_tags_or_injected_styles(client):
    page = client.get("/").content.decode()

    config = json.loads(html.unescape(re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", page).group(1)))
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["includeIndicatorStyles"] is False
    assert config["timeout"] > 0


def test_form_action_allows_the_configured_providers_login_redirects(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        **social_login_providers({"GITHUB_CLIENT_ID": "id", "GITHUB_CLIENT_SECRET": "secret"}),
        **provider_settings("http://127.0.0.1:8123/"),
    }

    policy = directives(client.get("/accounts/login/"))

    assert policy["form-action"] == ["'self'", "https://github.com", "http://127.0.0.1:8123"]
