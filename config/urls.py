from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="followup:overview", permanent=False), name="home"),
    path("log-ind/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("offentlig/", include("portal.urls")),
    path("", include("search.urls")),
    path("indlaesning/", include("reading.urls")),
    path("", include("documents.urls")),
    path("", include("workplans.urls")),
    path("", include("cycle.urls")),
    path("", include("followup.urls")),
    path("", include("meetings.urls")),
    path("", include("plans.urls")),
    path("", include("notify.urls")),
]
