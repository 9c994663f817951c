from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "frontlijn.cases"
    label = "cases"

    def ready(self) -> None:
        from frontlijn.cases import selectors
        from frontlijn.core import navigation
        from frontlijn.privacy import access, scoping

        access.add_relation(selectors.works_on_case_of)
        navigation.add("cases:list", _("Zaken"), order=40, visible=scoping.sees_residents)
