"""The public portal: no login, only open content."""

from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("soeg/", views.search, name="search"),
    path("kalender.ics", views.calendar, name="calendar"),
    path("udvalg/<str:key>/", views.body_detail, name="body"),
    path("udvalg/<str:key>/kalender.ics", views.body_calendar, name="body_calendar"),
    path("moede/<int:pk>/", views.meeting_detail, name="meeting"),
    path("moede/<int:pk>/<slug:kind>.<slug:ext>", views.meeting_document, name="meeting_document"),
    path("bilag/<int:pk>/", views.attachment_download, name="attachment"),
]
