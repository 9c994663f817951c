from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "frontlijn.cases"
    label = "cases"
