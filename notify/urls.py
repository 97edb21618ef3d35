from django.urls import path

from notify import views

app_name = "notify"
urlpatterns = [
    path("mine-mails/", views.mail_preferences, name="preferences"),
]
