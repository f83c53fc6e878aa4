"""Administration of agreements: read-mostly, with the audit trail (SimpleHistoryAdmin).

Content and status change through the agreement pages and the workflow, which
check roles and validation; the admin lets an administrator look, and fix a
party's name or a date recorded wrongly.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement
from .snapshot import SECTION_FIELDS


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["fund", "fiscal_year", "status", "signature_due_on", "late_signature_days", "updated_at"]
    list_filter = ["fiscal_year", "status"]
    list_select_related = ["fund"]
    search_fields = ["fund__code", "fund__name_th"]
    readonly_fields = [
        "fund", "fiscal_year", "framework", "status", "sent_on", "signature_due_on", "fund_signed_on",
        "late_signature_days", "mof_signed_on", "created_at", "updated_at",
    ]
    fields = [
        "fund", "fiscal_year", "framework", "status", *SECTION_FIELDS,
        "sent_on", "signature_due_on", "fund_signed_on", "late_signature_days", "mof_signed_on",
        "created_at", "updated_at",
    ]

    class Media:
        css = {"all": ["core/admin.css"]}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # agreements start from the fund page, with the framework's areas and standard KPIs

    def has_delete_permission(self, request: HttpRequest, obj: Agreement | None = None) -> bool:
        return False  # an agreement and its history are records; nothing is deleted from the admin
