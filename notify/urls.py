from django.urls import path

from notify import views

app_name = "notify"
urlpatterns = [
    path("mine-mails/", views.mail_preferences, name="preferences"),
    path("sendte-mails/", views.sent_mails, name="sent"),
    path("sendte-mails/<int:pk>/send-igen/", views.resend, name="resend"),
]
