"""The frameworks in the admin, for administrators; CGD officers use the frameworks pages."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Framework, FrameworkArea, StandardCriterion, StandardKpi


class AreaInline(admin.TabularInline):
    model = FrameworkArea
    extra = 0
    fields = ["code", "name_th", "default_weight", "min_weight", "max_weight", "counts_toward_limit", "order"]


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["fiscal_year", "name", "max_kpis_limited_areas", "max_kpis_total"]
    inlines = [AreaInline]


class CriterionInline(admin.TabularInline):
    model = StandardCriterion
    extra = 0
    fields = ["name_th", "weight", "order"]


@admin.register(StandardKpi)
class StandardKpiAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_th", "framework", "area", "required"]
    list_filter = ["framework"]
    list_select_related = ["framework", "area"]
    inlines = [CriterionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "area":
            kwargs["queryset"] = FrameworkArea.objects.select_related("framework")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
