"""API tokens in the admin: make (the token is shown once), list, revoke."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frontlijn.api.models import ApiToken
from frontlijn.api.tokens import api_token_create, api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "scope", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "prefix", "owner__username")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    fields = ("owner", "name", "scope", "prefix", "created_at", "last_used_at", "revoked_at")
    autocomplete_fields = ()
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # A token's owner and scope are fixed once made: make a new token instead.
        return (*self.readonly_fields, "owner", "scope") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        row, token = api_token_create(owner=obj.owner, name=obj.name, scope=obj.scope)
        obj.pk = row.pk
        obj.prefix, obj.hashed_secret, obj.created_at = row.prefix, row.hashed_secret, row.created_at
        messages.warning(
            request,
            _("Het token is: %(token)s — kopieer het nu; het wordt niet meer getoond.") % {"token": token},
        )

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Geselecteerde tokens intrekken"))
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token)
            count += 1
        self.message_user(
            request, ngettext("%(n)d token ingetrokken.", "%(n)d tokens ingetrokken.", count) % {"n": count}
        )
