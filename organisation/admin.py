from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from organisation import services
from organisation.concurrency import EditLockAdminMixin
from organisation.models import Body, Director, Member, Municipality, Profile, Sdg


@admin.register(Municipality)
class MunicipalityAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["name"]


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["name", "title", "party", "role", "position", "active"]


@admin.register(Body)
class BodyAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    edit_lock_related = ("members",)
    inlines = [MemberInline]
    list_display = ["name", "abbreviation", "kind", "position"]
    list_editable = ["position"]
    list_filter = ["kind"]
    search_fields = ["name", "abbreviation"]


@admin.register(Director)
class DirectorAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "area", "name", "position"]
    search_fields = ["title", "area", "name"]


@admin.register(Sdg)
class SdgAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    # Which goals are chosen is set on the plan, on Kursen's own page (plans: verdensmål).
    list_display = ["number", "name"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    filter_horizontal = ["bodies", "directors"]


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(EditLockAdminMixin, BaseUserAdmin):
    edit_lock_related = ("profile",)
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "email", "role", "is_active"]
    list_select_related = ["profile"]

    @admin.display(description=_("Rolle"), ordering="profile__role")
    def role(self, user: User) -> str:
        """The role by its Danish name ("Læser"), not its stored value."""
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile is not None else "–"

    def save_formset(self, request, form, formset, change):
        """The profile (role, bodies, directors: the user's rights) is saved by the service, so
        its history holds one entry with the whole new state and the administrator who set it."""
        if formset.model is not Profile:
            return super().save_formset(request, form, formset, change)
        changed = formset.save(commit=False)  # also what the admin's change message lists
        for profile_form in formset.forms:
            profile = profile_form.instance
            if profile not in changed:
                continue
            data = profile_form.cleaned_data
            services.profile_update(
                profile=profile,
                role=data.get("role", profile.role),
                bodies=data.get("bodies"),
                directors=data.get("directors"),
                user=request.user,
            )
        if not Profile.objects.filter(user=form.instance).exists():
            # A new user whose role form was left as it was: a reader, recorded as such, so
            # the user's page opens with its role to change (and every rule finds a role).
            services.profile_update(profile=Profile(user=form.instance), user=request.user)
