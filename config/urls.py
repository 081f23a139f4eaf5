from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from health_check.views import HealthCheckView

from store.views import media_file
from web.views import alive

# Django's admin login counts no failed attempts: staff log in through the shop's login instead,
# with its rate limits and lockout (allauth's decorator; logged-in non-staff get 403).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    # For a load balancer (README, "Operating the shop"): readiness answers 500 when the database
    # or the cache cannot be reached; liveness only says the process answers.
    path("health/", HealthCheckView.as_view(checks=["health_check.checks.Database", "health_check.checks.Cache"])),
    path("health/live/", alive),
    path("admin/dashboard/", include("dashboard.urls")),
    path("admin/", admin.site.urls),
    # The language switcher posts to i18n/setlang/ (Django's set_language: sets the language cookie, goes back).
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("cart/", include("cart.urls")),
    path("reminders/", include("reminders.urls")),
    path("", include("orders.urls")),
    path("payments/", include("orders.payment_urls")),
    path("", include("store.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media_file))

handler400 = "web.views.bad_request"
handler404 = "web.views.page_not_found"
handler500 = "web.views.server_error"
