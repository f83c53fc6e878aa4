from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "fund", "owner_agency"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "fund__code", "fund__name_th"]
    autocomplete_fields = ["fund", "owner_agency"]
