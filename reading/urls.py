from django.urls import path

from reading import views

app_name = "reading"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("<int:pk>/", views.import_review, name="review"),
]
