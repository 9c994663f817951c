from django.apps import AppConfig


class AppreciationConfig(AppConfig):
    name = "frontlijn.appreciation"
    label = "appreciation"
