from django.urls import re_path

from documents import views

app_name = "documents"
urlpatterns = [
    re_path(
        r"^planer/(?P<pk>[0-9]+)/udsnit/(?P<abbreviation>[^/.]+)\.(?P<ext>docx|pdf)$",
        views.extract_download,
        name="extract",
    ),
    re_path(
        r"^planer/(?P<pk>[0-9]+)/strategi\.(?P<ext>docx|pdf)$",
        views.strategy_download,
        name="strategy",
    ),
    re_path(
        r"^moeder/(?P<pk>[0-9]+)/(?P<kind>dagsorden|beslutningsprotokol)-(?P<variant>intern|offentlig)\.(?P<ext>pdf|docx)$",
        views.meeting_document,
        name="meeting",
    ),
    re_path(
        r"^moeder/(?P<pk>[0-9]+)/samlet-dagsorden-(?P<variant>intern|offentlig)\.pdf$",
        views.combined_agenda,
        name="combined",
    ),
    re_path(
        r"^arbejdsplan/(?P<body_pk>[0-9]+)/(?P<year>[0-9]+)/arbejdsplan\.(?P<ext>pdf|docx)$",
        views.workplan_download,
        name="workplan",
    ),
    re_path(r"^aarshjul/aarshjul-(?P<year>[0-9]{4})\.pdf$", views.cycle_download, name="cycle"),
    re_path(
        r"^statusrunder/(?P<pk>[0-9]+)/rapport\.(?P<ext>docx|pdf)$",
        views.status_report,
        name="status_report",
    ),
]
