from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "frontlijn.contacts"
    label = "contacts"

    def ready(self) -> None:
        from frontlijn.contacts import panels, selectors
        from frontlijn.core import navigation
        from frontlijn.privacy import access, scoping

        access.add_relation(selectors.has_contact_or_promise_with)
        navigation.add("contacts:promises", _("Beloftes"), order=30, visible=scoping.can_log_contacts)
        # First on the home page, above every other app's panel.
        navigation.add_home_panel("contacts-my-day", panels.my_day, order=0)
