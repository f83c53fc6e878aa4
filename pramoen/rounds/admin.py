from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CriterionResult, Evidence, Result, Round, RoundEvent


class RoundEventInline(admin.TabularInline):
    model = RoundEvent
    extra = 0
    can_delete = False
    fields = ("occurred_on", "action", "from_status", "to_status", "actor", "comment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        # Steps are taken through the workflow, which records them.
        return False


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ("agreement", "number", "status", "due_on", "submitted_on", "late_days", "approved_on")
    list_filter = ("status", "number", "agreement__fiscal_year")
    search_fields = ("agreement__fund__code", "agreement__fund__name_th")
    list_select_related = ("agreement__fund",)
    # Status and dates move only through the workflow, so every change is a recorded step.
    readonly_fields = ("agreement", "number", "status", "submitted_on", "late_days", "approved_on")
    inlines = [RoundEventInline]

    def has_add_permission(self, request) -> bool:
        # Rounds 1–4 are created when the agreement comes into force.
        return False


class CriterionResultInline(admin.TabularInline):
    model = CriterionResult
    extra = 0
    raw_id_fields = ("criterion",)


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ("round", "kpi", "value", "updated_at")
    list_filter = ("round__agreement__fiscal_year", "round__number")
    search_fields = ("kpi__code", "round__agreement__fund__code")
    list_select_related = ("round__agreement__fund", "kpi")
    raw_id_fields = ("round", "kpi")
    inlines = [CriterionResultInline]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "result", "content_type", "size", "uploaded_by", "uploaded_at")
    search_fields = ("name", "sha256", "result__kpi__code")
    list_select_related = ("result__round__agreement__fund", "result__kpi", "uploaded_by")
    # The file was checked on upload; the admin shows it but never replaces it.
    readonly_fields = ("result", "file", "name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at")
