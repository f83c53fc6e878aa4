from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Fund, OwnerAgency


@admin.register(OwnerAgency)
class OwnerAgencyAdmin(admin.ModelAdmin):
    list_display = ["name_th", "ministry_th", "name_en", "fund_count"]
    list_filter = ["ministry_th"]
    search_fields = ["name_th", "name_en", "ministry_th"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OwnerAgency]:
        return super().get_queryset(request).annotate(fund_count=Count("funds"))

    @admin.display(description=_("number of funds"), ordering="fund_count")
    def fund_count(self, agency: OwnerAgency) -> int:
        return agency.fund_count  # type: ignore[attr-defined]


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "fund_type", "owner_agency", "fiscal_year_start", "is_active"]
    list_display_links = ["code", "name_th"]

    class Media:
        css = {"all": ["core/admin.css"]}

    list_filter = ["fund_type", "fiscal_year_start", "is_active", "owner_agency"]
    list_select_related = ["owner_agency"]
    search_fields = ["code", "name_th", "name_en", "owner_agency__name_th"]
    autocomplete_fields = ["owner_agency"]
    fieldsets = [
        (None, {"fields": ["code", "fund_type", "registry_no", "name_th", "name_en"]}),
        (_("Ownership and fiscal year"), {"fields": ["owner_agency", "fiscal_year_start", "is_active"]}),
    ]
