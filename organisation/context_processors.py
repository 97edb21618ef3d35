from django.utils.functional import SimpleLazyObject

from organisation.models import Municipality
from organisation.permissions import user_can_edit_any_item, user_is_administrator


def municipality(request):
    """The municipality's name and the user's powers, for the base layout."""
    user = getattr(request, "user", None)
    return {
        # Read once per page, and only by a page that names it.
        "municipality": SimpleLazyObject(Municipality.objects.first),
        "user_is_administrator": bool(user) and user_is_administrator(user),
        "user_can_edit": bool(user) and user_can_edit_any_item(user),
    }
