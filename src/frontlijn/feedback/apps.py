from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "frontlijn.feedback"
    label = "feedback"
