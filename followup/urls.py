from django.urls import path

from followup import views

app_name = "followup"
urlpatterns = [
    path("overblik/", views.overview, name="overview"),
    path("statusrunder/", views.round_list, name="rounds"),
    path("statusrunder/ny/", views.round_open, name="round_open"),
    path("statusrunder/<int:pk>/", views.round_detail, name="round"),
    path("statusrunder/<int:pk>/svar/", views.round_answers, name="round_answers"),
    path("statusrunder/<int:pk>/paamind/", views.round_remind, name="round_remind"),
    path("statusrunder/<int:pk>/paamindelser/", views.round_reminders, name="round_reminders"),
    path("statusrunder/<int:pk>/luk/", views.round_close, name="round_close"),
    path("statusrunder/<int:pk>/dagsorden/", views.round_agenda, name="round_agenda"),
    path("statusrunder/<int:pk>/rapport/", views.round_report, name="report"),
    path("svar/<int:pk>/", views.answer_edit, name="answer"),
    path("svar/<int:pk>/gennemse/", views.answer_review, name="review"),
]
