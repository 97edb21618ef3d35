"""The public portal: no login, only open content."""

app_name = "portal"
urlpatterns: list = []
