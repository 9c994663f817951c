from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_integration_admin(user) -> bool:
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
