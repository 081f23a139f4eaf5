from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpResponse
from django.template import engines
from django.views.decorators.http import require_GET, require_POST

from cart.models import CartItem


@require_POST
@login_required
def floor(request, item_id: int) -> HttpResponse:
    """The least a cart change can cost on this stack: one UPDATE of the shopper's line, a tiny answer.

    Same middleware, session, user and CSRF check as every cart view; ``+ 0``
    keeps the line inside its check constraint however often it runs.
    """
    CartItem.objects.filter(pk=item_id, cart__user=request.user).update(quantity=F("quantity") + 0)
    return HttpResponse('<span id="floor">ok</span>')


# base.html with an empty content block: what every page of the shop carries (header, category bar, language
# switch, mini-cart shell, footer), and nothing else.
PAGE_SHELL = engines["django"].from_string('{% extends "base.html" %}')


@require_GET
@login_required
def page_shell(request) -> HttpResponse:
    """The shared parts of every page alone, for the same logged-in shopper as the floor."""
    return HttpResponse(PAGE_SHELL.render({}, request))
