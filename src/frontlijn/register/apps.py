from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "frontlijn.register"
    label = "register"
