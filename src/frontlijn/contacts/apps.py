from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "frontlijn.contacts"
    label = "contacts"
