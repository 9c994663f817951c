from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "frontlijn.signals"
    label = "signals"
