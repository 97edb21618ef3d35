from django.urls import path

from workplans import views

app_name = "workplans"
urlpatterns = [
    path("arbejdsplan/", views.workplan_index, name="workplans"),
    path("arbejdsplan/<int:body_pk>/<int:year>/", views.workplan_detail, name="workplan"),
    path(
        "arbejdsplan/<int:body_pk>/<int:year>/placer/", views.workplan_place, name="workplan_place"
    ),
    path(
        "arbejdsplan/<int:body_pk>/<int:year>/behandlet/", views.workplan_done, name="workplan_done"
    ),
    path(
        "arbejdsplan/<int:body_pk>/<int:year>/tidspunkt/",
        views.workplan_timing,
        name="workplan_timing",
    ),
    path(
        "arbejdsplan/<int:body_pk>/<int:year>/fremlaeg/",
        views.workplan_present,
        name="workplan_present",
    ),
    path(
        "arbejdsplan/<int:body_pk>/<int:year>/arbejdsplan.ics",
        views.workplan_calendar,
        name="workplan_calendar",
    ),
    path(
        "arbejdsplan/<int:body_pk>/abonnement/<str:token>.ics",
        views.workplan_feed,
        name="workplan_feed",
    ),
]
