from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "frontlijn.api"
    label = "api"
