from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "frontlijn.teams"
    label = "teams"
