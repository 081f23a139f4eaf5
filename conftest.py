import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.oidc_provider import provider_settings, running_provider


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded and seeded pictures go to a scratch folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _in_english():
    """Each test starts in English: LocaleMiddleware activates a request's language in the thread and nothing
    deactivates it, so a test client's request in Persian would leave the next test's own code in Persian."""
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """allauth counts login attempts in the cache, pictures remember their variants: each test starts from none."""
    from store.templatetags.pictures import drawn_pictures  # here: once pytest-django has set Django up

    cache.clear()
    drawn_pictures.clear()


@pytest.fixture(scope="session")
def oidc_provider_url():
    """A real OpenID Connect provider on a loopback port, for the whole run."""
    with running_provider() as url:
        yield url


@pytest.fixture
def oidc_provider(settings, oidc_provider_url) -> str:
    """The shop configured for the loopback OpenID Connect provider, as OIDC_* variables would."""
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(oidc_provider_url)
    return oidc_provider_url


@pytest.fixture
def user():
    """A shopper's account."""
    from tests.factories import UserFactory  # here: models load only once pytest-django has set Django up

    return UserFactory()


@pytest.fixture
def client_seeing_errors() -> Client:
    """A test client that answers an unhandled exception with the 500 page, as a shopper would see it, instead of
    raising it into the test: for tests that check an error page or that no input ever causes one."""
    return Client(raise_request_exception=False)


@pytest.fixture
def shopper_client(client, user):
    """The test client, logged in as ``user``."""
    client.force_login(user)
    return client
