from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "frontlijn.privacy"
    label = "privacy"
