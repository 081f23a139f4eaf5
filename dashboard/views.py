"""The sales dashboard: one page for staff who may see orders and carts, inside the admin."""

from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from store.money import format_money
from web.localization import format_percentage, format_shop_date, localize_digits

from . import charts, selectors

# The dashboard shows figures of orders and carts: staff who may see both.
PERMISSIONS = ["orders.view_order", "cart.view_cart"]
REVENUE_DAYS = 30


def percentage(share: Decimal | None) -> str:
    return "—" if share is None else format_percentage(share.quantize(Decimal("0.001")))


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied
    now = timezone.now()
    period = next((p for p in selectors.PERIODS if p.key == request.GET.get("period")), selectors.PERIODS[1])
    since = period.start(now)
    rtl = get_language_bidi()
    steps = selectors.funnel(since=since)
    days = selectors.daily_revenue(days=REVENUE_DAYS, now=now)
    context = {
        **admin.site.each_context(request),
        "title": _("Dashboard"),
        "periods": selectors.PERIODS,
        "period": period,
        "sales": [selectors.sales(since=p.start(now), now=now) for p in selectors.PERIODS],
        "funnel_rows": [(step, percentage(step.conversion)) for step in steps],
        "funnel_chart": charts.horizontal_bars(
            [(str(step.label), step.shoppers, localize_digits(step.shoppers)) for step in steps], rtl=rtl
        ),
        "days": days,
        "revenue_chart": charts.columns(
            [(format_shop_date(day.date, "day"), day.revenue, format_money(day.revenue)) for day in days], rtl=rtl
        ),
        "top_products": selectors.top_products(since=since),
        "low_stock": selectors.low_stock_products(),
    }
    return render(request, "dashboard/dashboard.html", context)
