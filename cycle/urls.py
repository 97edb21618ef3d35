from django.urls import path

from cycle import views

app_name = "cycle"
urlpatterns = [
    path("aarshjul/", views.wheel, name="wheel"),
    path("aarshjul/begivenheder/ny/", views.event_edit, name="event_create"),
    path("aarshjul/begivenheder/<int:pk>/", views.event_detail, name="event"),
    path("aarshjul/begivenheder/<int:pk>/rediger/", views.event_edit, name="event_edit"),
    path("aarshjul/begivenheder/<int:pk>/slet/", views.event_delete, name="event_delete"),
    path("aarshjul/oplaeg/nyt/", views.briefing_create, name="briefing_create"),
    path("aarshjul/abonnement/<str:token>.ics", views.cycle_feed, name="feed"),
]
