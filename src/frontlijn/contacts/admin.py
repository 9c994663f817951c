from django.contrib import admin

from frontlijn.contacts.models import ContactMoment, Promise


@admin.register(ContactMoment)
class ContactMomentAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "direction", "occurred_at", "staff", "duration_minutes"]
    list_filter = ["channel", "direction"]
    raw_id_fields = ["staff", "household", "unit", "home_seeker", "case"]
    exclude = ["beyond_note"]  # beyond-the-process notes are read in the app, where scoping applies
    list_select_related = ["staff"]


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin):
    list_display = ["description", "owner", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["contact_moment", "household", "owner"]
