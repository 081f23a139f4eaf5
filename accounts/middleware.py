"""Social login failures that allauth leaves as a 500: a provider that cannot be reached, or one not configured."""

import logging
from collections.abc import Callable

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.models import SocialApp
from django.http import Http404, HttpRequest, HttpResponse
from requests import RequestException

SOCIAL_PROVIDER_VIEWS = "allauth.socialaccount.providers."

logger = logging.getLogger(__name__)


class SocialProviderUnreachableMiddleware:
    """allauth catches network errors on the provider's callback, but not when an
    OpenID Connect login starts by fetching the provider's configuration (the other
    providers' login views make no request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        match = request.resolver_match
        if not isinstance(exception, RequestException) or match is None:
            return None
        provider_id = match.kwargs.get("provider_id")
        if provider_id is None or not match.func.__module__.startswith(SOCIAL_PROVIDER_VIEWS):
            return None
        logger.warning("Social login provider %s unreachable: %s", provider_id, exception)
        provider = get_adapter(request).get_provider(request, provider_id)
        return render_authentication_error(request, provider, exception=exception)


class UnconfiguredSocialProviderMiddleware:
    """A provider without credentials (no GITHUB_* or GOOGLE_* variables) has no login: 404.

    allauth routes every installed provider's URLs and raises ``SocialApp.DoesNotExist``
    when one is used without an app.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SocialApp.DoesNotExist):
            raise Http404("This login provider is not configured.") from exception
        return None
