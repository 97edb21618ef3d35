from django.urls import path

from plans import budget_views, views

app_name = "plans"
urlpatterns = [
    path("plan/", views.plan_current, name="current"),
    path("planer/", views.plan_list, name="plans"),
    path("planer/indlaes/", views.plan_import, name="import"),
    path("planer/<int:pk>/", views.plan_detail, name="plan"),
    path("planer/<int:pk>/eksport.xlsx", views.plan_export, name="export"),
    path("planer/<int:plan_pk>/indsatser/ny/", views.item_create, name="item_create"),
    path("planer/<int:pk>/udsnit/", views.extract_index, name="extracts"),
    path("planer/<int:pk>/udsnit/<str:abbreviation>/", views.extract_detail, name="extract"),
    path("planer/<int:pk>/strategi/", views.strategy_detail, name="strategy"),
    path("planer/<int:pk>/verdensmaal/", views.plan_sdgs, name="plan_sdgs"),
    path("planer/<int:pk>/temaer/nyt/", views.theme_create, name="theme_create"),
    path("temaer/<int:pk>/rediger/", views.theme_edit, name="theme_edit"),
    path("temaer/<int:pk>/kurs/<int:year>/", views.course_edit, name="course_edit"),
    path("indsatser/<int:pk>/", views.item_detail, name="item"),
    path("indsatser/<int:pk>/rediger/", views.item_edit, name="item_edit"),
    path("indsatser/<int:pk>/historik/", views.item_history, name="item_history"),
    path(
        "indsatser/<int:pk>/historik/<int:history_id>/gendan/",
        views.item_restore,
        name="item_restore",
    ),
    path("indsatser/<int:pk>/noter/", views.note_add, name="note_add"),
    path("statusnoter/<int:pk>/rediger/", views.note_edit, name="note_edit"),
    path("statusnoter/<int:pk>/slet/", views.note_delete, name="note_delete"),
]

# The next budget period, the råderumskatalog and the efficiency contribution (plans.budget_views)
urlpatterns += [
    path("planer/<int:pk>/viderefoer/", budget_views.plan_carry_over, name="carry_over"),
    path("planer/<int:pk>/arkiver/", budget_views.plan_archive, name="archive"),
    path("planer/<int:pk>/raaderum/", budget_views.proposal_list, name="proposals"),
    path("planer/<int:pk>/raaderum/nyt/", budget_views.proposal_create, name="proposal_create"),
    path(
        "planer/<int:pk>/raaderum/eksport.xlsx",
        budget_views.catalogue_export,
        name="catalogue_export",
    ),
    path(
        "planer/<int:pk>/raaderum/indlaes/", budget_views.catalogue_import, name="catalogue_import"
    ),
    path("raaderumsforslag/<int:pk>/", budget_views.proposal_detail, name="proposal"),
    path("raaderumsforslag/<int:pk>/rediger/", budget_views.proposal_edit, name="proposal_edit"),
    path(
        "raaderumsforslag/<int:pk>/indsats/",
        budget_views.proposal_make_item,
        name="proposal_make_item",
    ),
    path("planer/<int:pk>/effektivisering/", budget_views.compliance, name="compliance"),
    path(
        "planer/<int:pk>/effektivisering/maal/",
        budget_views.compliance_targets,
        name="compliance_targets",
    ),
]
