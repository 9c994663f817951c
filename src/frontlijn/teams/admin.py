from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from frontlijn.teams.models import Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "teams", "is_active"]
    fieldsets = [*(BaseUserAdmin.fieldsets or ()), (_("Frontlijn"), {"fields": ["role", "teams", "phone"]})]
    add_fieldsets = [*(BaseUserAdmin.add_fieldsets or ()), (_("Frontlijn"), {"fields": ["role", "teams"]})]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["wijken", "buurten"]
    # Way of working and contact target change only through teams.services (the team lead, audited,
    # shown to the team: docs/decisions/0005), never silently in the admin.
    readonly_fields = ["way_of_working", "contact_target_percent", "hours_per_week", "version"]
