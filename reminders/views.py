"""The shopper's choice about cart reminders, and the email's unsubscribe link (no login: a signed token)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from web.decorators import shopper_required
from web.http import HtmxHttpRequest, ShopperRequest, see_other

from .forms import ReminderConsentForm
from .selectors import reminder_consent_given
from .services import reminder_consent_set, user_of_unsubscribe_token


@require_http_methods(["GET", "POST"])
@shopper_required
def preferences(request: ShopperRequest) -> HttpResponse:
    if request.method == "POST":
        form = ReminderConsentForm(request.POST)
        form.is_valid()  # a checkbox: always valid, absent means no
        agreed = form.cleaned_data["cart_reminders"]
        reminder_consent_set(user=request.user, agreed=agreed, language=request.LANGUAGE_CODE)
        messages.success(
            request, _("We will remind you of a cart you leave.") if agreed else _("No cart reminders from now on.")
        )
        return see_other(reverse("reminders:preferences"))
    form = ReminderConsentForm(initial={"cart_reminders": reminder_consent_given(user=request.user)})
    return render(request, "reminders/preferences.html", {"form": form})


# The link in an email works without logging in, and mail programs' one-click unsubscribe (RFC 8058) POSTs it
# without a CSRF token: the signed token, good for this one purpose and shopper, is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HtmxHttpRequest, token: str) -> HttpResponse:
    user = user_of_unsubscribe_token(token)
    if user is None:
        return render(request, "reminders/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        reminder_consent_set(user=user, agreed=False, language=request.LANGUAGE_CODE)
        return render(request, "reminders/unsubscribe.html", {"done": True})
    # A GET changes nothing (mail scanners open links): the page asks for the click.
    return render(request, "reminders/unsubscribe.html", {"token": token})
