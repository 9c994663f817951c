from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "frontlijn.dashboard"
    label = "dashboard"
