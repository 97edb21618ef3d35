from django.urls import path

from meetings import forward_views, views

app_name = "meetings"
urlpatterns = [
    path("kalender/", views.calendar, name="calendar"),
    path("kalender/abonnement/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("kalender/ny-adresse/", views.calendar_feed_renew, name="calendar_feed_renew"),
    path("moeder/nyt/", views.meeting_create, name="meeting_create"),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting"),
    path("moeder/<int:pk>/rediger/", views.meeting_edit, name="meeting_edit"),
    path("moeder/<int:pk>/udsend/", views.meeting_publish, name="meeting_publish"),
    path("moeder/<int:pk>/godkend/", views.meeting_approve, name="meeting_approve"),
    path("moeder/<int:pk>/fravaer/", views.meeting_absences, name="meeting_absences"),
    path("moeder/<int:pk>/punkter/nyt/", views.agenda_item_add, name="agenda_item_add"),
    path("punkter/<int:pk>/", views.agenda_item_detail, name="agenda_item"),
    path("punkter/<int:pk>/flyt/", views.agenda_item_move, name="agenda_item_move"),
    path("punkter/<int:pk>/rediger/", views.agenda_item_edit, name="agenda_item_edit"),
    path("punkter/<int:pk>/beslutning/", views.decision_record, name="decision_record"),
    path("punkter/<int:pk>/tilfoejelse/", views.addendum_add, name="addendum_add"),
    path("punkter/<int:pk>/bilag/", views.attachment_add, name="attachment_add"),
    path("bilag/<int:pk>/", views.attachment_download, name="attachment"),
    path("bilag/<int:pk>/fjern/", views.attachment_remove, name="attachment_remove"),
    path("bilag/<int:pk>/aaben-lukket/", views.attachment_set_closed, name="attachment_closed"),
    path("sager/", views.case_list, name="cases"),
    path("sager/ny/", views.case_edit, name="case_create"),
    path("sager/<int:pk>/", views.case_detail, name="case"),
    path("sager/<int:pk>/rediger/", views.case_edit, name="case_edit"),
    path("sager/<int:pk>/dagsorden/", views.case_put_on_agenda, name="case_put_on_agenda"),
    path("udvalg/<int:body_pk>/kommende-punkter/", forward_views.forward_plan, name="forward_plan"),
    path(
        "udvalg/<int:body_pk>/kommende-punkter/nyt/",
        forward_views.planned_topic_edit,
        name="planned_topic_add",
    ),
    path(
        "udvalg/<int:body_pk>/kommende-punkter/<int:pk>/rediger/",
        forward_views.planned_topic_edit,
        name="planned_topic_edit",
    ),
    path(
        "udvalg/<int:body_pk>/kommende-punkter/<int:pk>/slet/",
        forward_views.planned_topic_delete,
        name="planned_topic_delete",
    ),
    path(
        "udvalg/<int:body_pk>/kommende-punkter/<int:pk>/flyt/",
        forward_views.planned_topic_move,
        name="planned_topic_move",
    ),
    path(
        "udvalg/<int:body_pk>/dagsordensskabelon/",
        forward_views.standing_items,
        name="standing_items",
    ),
    path(
        "udvalg/<int:body_pk>/dagsordensskabelon/nyt/",
        forward_views.standing_item_edit,
        name="standing_item_add",
    ),
    path(
        "udvalg/<int:body_pk>/dagsordensskabelon/<int:pk>/rediger/",
        forward_views.standing_item_edit,
        name="standing_item_edit",
    ),
    path(
        "udvalg/<int:body_pk>/dagsordensskabelon/<int:pk>/slet/",
        forward_views.standing_item_delete,
        name="standing_item_delete",
    ),
    path(
        "udvalg/<int:body_pk>/dagsordensskabelon/<int:pk>/flyt/",
        forward_views.standing_item_move,
        name="standing_item_move",
    ),
]
