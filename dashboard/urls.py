from django.contrib import admin
from django.urls import path

from . import views

app_name = "dashboard"

# Inside the admin: staff only; anyone else gets the admin's login page.
urlpatterns = [path("", admin.site.admin_view(views.dashboard), name="index")]
