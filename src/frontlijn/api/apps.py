from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User


def _is_integration_admin(user: User | AnonymousUser) -> bool:
    from frontlijn.privacy import scoping

    return bool(user.is_authenticated and scoping.is_register_wide(user))


class ApiConfig(AppConfig):
    name = "frontlijn.api"
    label = "api"
    verbose_name = _("API en import")

    def ready(self) -> None:
        from frontlijn.api import auth  # noqa: F401  (registers the OpenAPI security scheme)
        from frontlijn.core import navigation

        # The API documentation, for the functional administrator who connects the ERP.
        navigation.add("api:docs", _("API"), order=98, visible=_is_integration_admin)
