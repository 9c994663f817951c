from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from frontlijn.teams.models import Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "teams", "is_active"]
    fieldsets = [*BaseUserAdmin.fieldsets, (_("Frontlijn"), {"fields": ["role", "teams", "phone"]})]
    add_fieldsets = [*BaseUserAdmin.add_fieldsets, (_("Frontlijn"), {"fields": ["role", "teams"]})]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["wijken", "buurten"]
