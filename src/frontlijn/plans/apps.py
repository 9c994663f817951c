from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "frontlijn.plans"
    label = "plans"
