"""The admin site: reference data and imports, for administrators only.

Django lets any active user marked as staff into the admin, where model permissions decide the
rest; there a staff member who is not an administrator could read closed content in the
history views that the access gate does not stand in front of. Kursen's own pages are for
everyone else, so the admin asks for the administrator role itself.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from organisation.permissions import user_is_administrator


class KursenAdminSite(admin.AdminSite):
    site_header = "Kursen – administration"
    site_title = "Kursen"
    index_title = "Stamdata"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and user_is_administrator(request.user))
