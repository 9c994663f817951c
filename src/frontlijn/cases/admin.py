from django.contrib import admin

from frontlijn.cases.models import Case, CaseStatusChange


class StatusInline(admin.TabularInline):
    model = CaseStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "note"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["id", "case_type", "status", "registered_on", "assignee"]
    list_filter = ["case_type", "status"]
    raw_id_fields = ["household", "unit", "assignee", "created_by"]
    inlines = [StatusInline]
    list_select_related = ["assignee"]
