from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from store.views import media_file

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("cart/", include("cart.urls")),
    path("", include("store.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media_file))

handler404 = "web.views.page_not_found"
