from django.contrib.admin.apps import AdminConfig


class KursenAdminConfig(AdminConfig):
    default_site = "config.admin.KursenAdminSite"
