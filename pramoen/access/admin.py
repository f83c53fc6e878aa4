"""Roles in the admin: on their own list, and inline on each user, where an administrator grants them."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "fund", "owner_agency"]
    list_filter = ["role"]
    list_select_related = ["user", "fund", "owner_agency"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "fund__code", "fund__name_th"]
    autocomplete_fields = ["user", "fund", "owner_agency"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    fields = ["role", "fund", "owner_agency"]
    autocomplete_fields = ["fund", "owner_agency"]
    verbose_name = _("role")
    verbose_name_plural = _("roles (fund staff, approvers and consultants need a fund; the owner agency role needs an agency)")


User = get_user_model()


class UserWithRolesAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_superuser", "role_list"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("memberships__fund", "memberships__owner_agency")

    @admin.display(description=_("roles"))
    def role_list(self, user) -> str:  # type: ignore[no-untyped-def]
        return "; ".join(str(m.get_role_display()) + (f" ({m.fund or m.owner_agency})" if (m.fund_id or m.owner_agency_id) else "")
                         for m in user.memberships.all())


# Replace Django's user admin with the same one plus the roles.
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, UserWithRolesAdmin)
