"""Abstract model bases shared by the apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VeraModel(models.Model):
    """Every VERA entity has an internal id, an external id (``idExtern``) and timestamps.

    ``id_extern`` is the key of the record in the association's ERP; imports and the API upsert
    on it. ``updated_at`` drives incremental sync (``updated_since``).
    """

    id_extern = models.CharField(
        _("extern id"), max_length=64, unique=True, null=True, blank=True, help_text=_("Sleutel in het ERP-systeem")
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True, db_index=True)

    class Meta:
        abstract = True
