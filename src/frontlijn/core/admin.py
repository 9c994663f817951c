from django.contrib import admin

from frontlijn.core.models import PeriodicRun


@admin.register(PeriodicRun)
class PeriodicRunAdmin(admin.ModelAdmin):
    """The runs of the scheduled work (frontlijn.core.schedule): read only."""

    list_display = ("job", "slot", "claimed_by", "task_id")
    list_filter = ("job",)
    date_hierarchy = "slot"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
