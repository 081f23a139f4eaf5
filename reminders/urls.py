from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
